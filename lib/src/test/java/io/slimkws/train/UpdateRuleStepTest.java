package io.slimkws.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slimkws.model.ChannelMask;
import io.slimkws.model.KwsCnn;
import io.slimkws.model.KwsParams;
import io.slimkws.model.KwsStep;
import io.slimkws.prox.ElementThreshold;
import io.slimkws.prox.Penalties;
import io.slimkws.prox.Penalty;
import io.slimkws.prox.SparseGroup;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * One SGD step of each update rule from the same weights, batch and dropout seed, against the
 * paper's formula computed here by hand (plain loops over conv2's groups, the group soft threshold
 * and the binary projection written out again, gradients of ℓ by central differences or at
 * hand-made weights). In float64, so that differences of a few 1e-4 are exact to 1e-10.
 *
 * <p>Group g of conv2 is its input channel g: every W[o, g, i, j] (DL4J's [out, in, kH, kW]).
 */
class UpdateRuleStepTest {
    private static final long SEED = 11;
    private static final int B = 6;
    private static MultiLayerNetwork template;
    private static INDArray x;
    private static INDArray y;

    /**
     * λ at the median of conv2's initial group norms: half the groups are zero in u, the others
     * shrink.
     */
    private static double lambda;

    @BeforeAll
    static void setUp() {
        template = KwsCnn.build(new Sgd(0.1), 5).convertDataType(DataType.DOUBLE);
        // Random weights well away from the initialisation, so gradients are not tiny.
        Nd4j.getRandom().setSeed(3);
        x = Nd4j.randn(DataType.DOUBLE, B, 1, KwsCnn.FRAMES, KwsCnn.COEFFS);
        y = Nd4j.zeros(DataType.DOUBLE, B, KwsCnn.CLASSES);
        for (int i = 0; i < B; i++) {
            y.putScalar(i, (i * 5) % KwsCnn.CLASSES, 1.0);
        }
        double[] n = groupNorms(w2(template));
        double[] s = n.clone();
        Arrays.sort(s);
        lambda = (s[31] + s[32]) / 2;
    }

    // ------------------------------------------------------------------ hand computations

    private static double[] flat(INDArray a) {
        return a.dup('c').data().asDouble();
    }

    /** ‖w_g‖ for each input channel g of a [64, 64, 10, 4] array, by plain loops. */
    private static double[] groupNorms(INDArray w) {
        double[] v = flat(w);
        double[] n = new double[64];
        for (int o = 0; o < 64; o++) {
            for (int g = 0; g < 64; g++) {
                for (int k = 0; k < 40; k++) {
                    double e = v[(o * 64 + g) * 40 + k];
                    n[g] += e * e;
                }
            }
        }
        for (int g = 0; g < 64; g++) {
            n[g] = Math.sqrt(n[g]);
        }
        return n;
    }

    /** Each entry of group g times f[g]. */
    private static double[] perGroup(double[] v, double[] f) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * f[(i / 40) % 64];
        }
        return out;
    }

    /** Prox of λ‖·‖_GL: u_g = max(0, 1 − λ/‖w_g‖) w_g. */
    private static double[] proxGl(double[] w, double lam) {
        double[] n = groupNorms(Nd4j.create(w, new long[] {64, 64, 10, 4}));
        double[] f = new double[64];
        for (int g = 0; g < 64; g++) {
            f[g] = Math.max(0, 1 - lam / n[g]);
        }
        return perGroup(w, f);
    }

    /** proj_Q (3.14): mean |w| times sgn(w), sgn(0) = +1. */
    private static double[] binary(double[] w) {
        double a = 0;
        for (double e : w) {
            a += Math.abs(e);
        }
        a /= w.length;
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i] >= 0 ? a : -a;
        }
        return out;
    }

    private static INDArray w1(MultiLayerNetwork n) {
        return n.getLayer(KwsCnn.CONV1).getParam("W");
    }

    private static INDArray w2(MultiLayerNetwork n) {
        return n.getLayer(KwsCnn.CONV2).getParam("W");
    }

    private static INDArray wf(MultiLayerNetwork n) {
        return n.getLayer(KwsCnn.FC).getParam("W");
    }

    // ------------------------------------------------------------------ the code under test

    /** The network after one step of {@code a} at rate {@code lr} from the template's weights. */
    private static MultiLayerNetwork step(Algorithm a, Hyper h, ChannelMask mask, double lr) {
        return step(a, h, mask, lr, 0);
    }

    /** The same with the gradient's norm capped at {@code clip} (0: no cap). */
    private static MultiLayerNetwork step(
            Algorithm a, Hyper h, ChannelMask mask, double lr, double clip) {
        MultiLayerNetwork net = template.clone();
        StepState st = new StepState(net, mask);
        Schedule sched = new Schedule(1, B, 1, lr, lr, 0, Optimizer.SGD, 1, 0, clip);
        TrainingStep ts = new TrainingStep(st, UpdateRule.of(a, h), sched);
        ts.gradient(x, y, SEED);
        ts.update(new Sgd(lr).instantiate((INDArray) null, false), 0, 0);
        return net;
    }

    /**
     * ℓ and ∇ℓ at the given network's weights with the step's dropout masks (KwsStep: tested
     * against DL4J and differences).
     */
    private static double lossAndGradient(MultiLayerNetwork n, KwsStep.Params grad) {
        Nd4j.getRandom().setSeed(SEED);
        return new KwsStep().gradient(KwsParams.of(n), x, y, KwsCnn.KEEP_PROBABILITY, grad);
    }

    private static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what);
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(expected[i] - actual[i]);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        double finalWorst = worst;
        int finalAt = at;
        assertTrue(
                worst <= tol,
                () ->
                        what
                                + ": largest difference "
                                + finalWorst
                                + " at "
                                + finalAt
                                + " (expected "
                                + expected[finalAt]
                                + ", got "
                                + actual[finalAt]
                                + ")");
    }

    private static double[] minus(double[] a, double[] b) {
        double[] o = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            o[i] = a[i] - b[i];
        }
        return o;
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void groupLassoStepIsThePlainStepMinusEtaMuTimesTheUnitGroupsOfConv2AndNothingElse() {
        double eta = 0.1;
        double mu = 0.6;
        MultiLayerNetwork plain = step(Algorithm.PLAIN, Hyper.none(), null, eta);
        MultiLayerNetwork gl = step(Algorithm.GL, Hyper.gl(mu), null, eta);
        double[] w = flat(w2(template));
        double[] n = groupNorms(w2(template));
        double[] f = new double[64];
        for (int g = 0; g < 64; g++) {
            f[g] = -eta * mu / n[g];
        }
        assertClose(
                perGroup(w, f),
                minus(flat(w2(gl)), flat(w2(plain))),
                1e-10,
                "conv2: GL − plain = −ημ w_g/‖w_g‖");
        assertClose(flat(w1(plain)), flat(w1(gl)), 0, "conv1 untouched by the penalty");
        assertClose(flat(wf(plain)), flat(wf(gl)), 0, "fc untouched by the penalty");
        assertClose(flat(plain.params()), flat(gl.params()), eta * mu + 1e-12, "sanity");
    }

    @Test
    void rgsmStepIsThePlainStepMinusEtaBetaTimesWMinusProxOfW() {
        double eta = 0.1;
        double beta = 0.7; // not 1, so a rule that drops β (or uses 1/β) gives another step
        MultiLayerNetwork plain = step(Algorithm.PLAIN, Hyper.none(), null, eta);
        MultiLayerNetwork rgsm = step(Algorithm.RGSM, Hyper.rgsm(lambda, beta), null, eta);
        double[] w = flat(w2(template));
        double[] u = proxGl(w, lambda);
        double[] expected = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            expected[i] = -eta * beta * (w[i] - u[i]);
        }
        assertClose(
                expected,
                minus(flat(w2(rgsm)), flat(w2(plain))),
                1e-10,
                "conv2: RGSM − plain = −ηβ(w − Prox_GL(w))");
        assertClose(flat(w1(plain)), flat(w1(rgsm)), 0, "conv1 as plain");
        assertClose(flat(wf(plain)), flat(wf(rgsm)), 0, "fc as plain");
    }

    @Test
    void aCappedRgsmStepCapsTheLossGradientAndKeepsThePaperPullTowardU() {
        double eta = 0.1;
        double beta = 1.0;
        // The plain step is −η∇ℓ; a cap at a quarter of ‖∇ℓ‖ must scale ∇ℓ by exactly 1/4.
        double[] plainStep =
                minus(
                        flat(step(Algorithm.PLAIN, Hyper.none(), null, eta).params()),
                        flat(template.params()));
        double gradNorm = 0;
        for (double d : plainStep) {
            gradNorm += (d / eta) * (d / eta);
        }
        gradNorm = Math.sqrt(gradNorm);
        MultiLayerNetwork capped =
                step(Algorithm.RGSM, Hyper.rgsm(lambda, beta), null, eta, gradNorm / 4);
        double[] w = flat(w2(template));
        double[] u = proxGl(w, lambda);
        MultiLayerNetwork expected = template.clone();
        double[] all = flat(template.params());
        for (int i = 0; i < all.length; i++) {
            all[i] += plainStep[i] / 4;
        }
        expected.params().assign(Nd4j.create(all, template.params().shape()));
        double[] e2 = flat(w2(expected));
        for (int i = 0; i < e2.length; i++) {
            e2[i] -= eta * beta * (w[i] - u[i]); // the pull, never capped
        }
        assertClose(e2, flat(w2(capped)), 1e-10, "conv2: w − η∇ℓ/4 − ηβ(w − Prox_GL(w))");
        assertClose(flat(w1(expected)), flat(w1(capped)), 1e-12, "conv1: w − η∇ℓ/4");
        assertClose(flat(wf(expected)), flat(wf(capped)), 1e-12, "fc: w − η∇ℓ/4");
    }

    @Test
    void aCapChangesTheIdentityOnlyOfRulesWithTheirOwnGradientTerm() {
        Schedule capped = new Schedule(10, 4, 5, 0.02, 0.002, 2, Optimizer.SGD, 8, 0, 5.0);
        Schedule open = new Schedule(10, 4, 5, 0.02, 0.002, 2, Optimizer.SGD, 8, 0, 0);
        BiFunction<Algorithm, Schedule, String> text =
                (a, s) ->
                        new RunSpec("r", Stage.I, a, Hyper.none(), s, "p", "d", 1, null)
                                .canonical();
        assertTrue(text.apply(Algorithm.RGSM, capped).contains("clip=loss-gradient"));
        assertTrue(text.apply(Algorithm.GL, capped).contains("clip=loss-gradient"));
        for (Algorithm a : new Algorithm[] {Algorithm.PLAIN, Algorithm.GSBC, Algorithm.BC}) {
            // Their step has no term of its own: capping ∇ℓ is capping the whole gradient, as
            // before.
            assertTrue(!text.apply(a, capped).contains("clip="), a + "");
        }
        assertTrue(!text.apply(Algorithm.RGSM, open).contains("clip="));
    }

    @Test
    void gsbcStepFollowsTheGradientOfTheLossTakenAtUByCentralDifferences() {
        // η = 1: the step is −∇ℓ(u) on every weight, conv2's w included (3.17).
        MultiLayerNetwork gsbc = step(Algorithm.GSBC, Hyper.gsbc(lambda), null, 1.0);
        double[] u = proxGl(flat(w2(template)), lambda);
        MultiLayerNetwork atU = template.clone();
        w2(atU).assign(Nd4j.create(u, new long[] {64, 64, 10, 4}));
        INDArray step = template.params().sub(gsbc.params());
        MultiLayerNetwork stepNet = template.clone();
        stepNet.params().assign(step);
        double[] n = groupNorms(w2(template));
        int zeroGroup = -1;
        int shrunkGroup = -1;
        for (int g = 0; g < 64; g++) {
            if (n[g] <= lambda && zeroGroup < 0) {
                zeroGroup = g;
            }
            if (n[g] > lambda && n[g] < 1.5 * lambda && shrunkGroup < 0) {
                shrunkGroup = g;
            }
        }
        assertTrue(zeroGroup >= 0 && shrunkGroup >= 0, "λ zeroes some groups and shrinks others");
        // Coordinates: the largest step in a zeroed group, in a shrunk group, in conv1 and in fc.
        long[][] coords = {
            largest(w2(stepNet), zeroGroup),
            largest(w2(stepNet), shrunkGroup),
            largest(w1(stepNet), -1),
            largest(wf(stepNet), -1)
        };
        INDArray[] layers = {w2(atU), w2(atU), w1(atU), wf(atU)};
        INDArray[] steps = {w2(stepNet), w2(stepNet), w1(stepNet), wf(stepNet)};
        String[] names = {"conv2, zeroed group", "conv2, shrunk group", "conv1", "fc"};
        KwsStep.Params scratch = KwsParams.of(atU).zerosLike();
        double h = 1e-7;
        for (int c = 0; c < coords.length; c++) {
            INDArray layer = layers[c];
            double v = layer.getDouble(coords[c]);
            layer.putScalar(coords[c], v + h);
            double lp = lossAndGradient(atU, scratch);
            layer.putScalar(coords[c], v - h);
            double lm = lossAndGradient(atU, scratch);
            layer.putScalar(coords[c], v);
            double fd = (lp - lm) / (2 * h);
            double got = steps[c].getDouble(coords[c]);
            assertEquals(
                    fd,
                    got,
                    1e-4 * Math.abs(fd) + 1e-8,
                    names[c]
                            + " at "
                            + Arrays.toString(coords[c])
                            + ": step "
                            + got
                            + ", ∂ℓ/∂ at u "
                            + fd);
        }
    }

    /** Index of the largest |entry| of a layer (of conv2's group g when g ≥ 0). */
    private static long[] largest(INDArray a, int g) {
        long[] best = null;
        double bestV = -1;
        long[] shape = a.shape();
        long total = a.length();
        for (long i = 0; i < total; i++) {
            long[] idx = Shape.ind2subC(shape, i);
            if (g >= 0 && idx[1] != g) {
                continue;
            }
            double v = Math.abs(a.getDouble(idx));
            if (v > bestV) {
                bestV = v;
                best = idx;
            }
        }
        return best;
    }

    @Test
    void blendedBinaryConnectIsTheBlendMinusEtaTimesTheGradientAtTheBinaryWeights() {
        // ρ = 0.5 as the hand case, and ρ = 0.25, where swapping ρ and 1 − ρ would show.
        blendedBinaryConnect(0.5);
        blendedBinaryConnect(0.25);
    }

    private void blendedBinaryConnect(double rho) {
        double eta = 0.1;
        MultiLayerNetwork bc = step(Algorithm.BC, Hyper.bc(rho), null, eta);
        // ∇ℓ at w_b = proj_Q(w_f), layer by layer; biases stay float.
        MultiLayerNetwork atB = template.clone();
        INDArray[] wfLayers = {w1(template), w2(template), wf(template)};
        INDArray[] bLayers = {w1(atB), w2(atB), wf(atB)};
        double[][] wb = new double[3][];
        for (int l = 0; l < 3; l++) {
            wb[l] = binary(flat(wfLayers[l]));
            bLayers[l].assign(Nd4j.create(wb[l], wfLayers[l].shape()));
        }
        KwsStep.Params g = KwsParams.of(atB).zerosLike();
        lossAndGradient(atB, g);
        INDArray[] grads = {g.w1(), g.w2(), g.wf()};
        INDArray[] got = {w1(bc), w2(bc), wf(bc)};
        String[] names = {"conv1", "conv2", "fc"};
        for (int l = 0; l < 3; l++) {
            double[] w = flat(wfLayers[l]);
            double[] d = flat(grads[l]);
            double[] expected = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                expected[i] = (1 - rho) * w[i] + rho * wb[l][i] - eta * d[i];
            }
            assertClose(
                    expected,
                    flat(got[l]),
                    1e-10,
                    names[l] + ", ρ = " + rho + ": (1 − ρ)w_f + ρ w_b − η∇ℓ(w_b)");
        }
        double[] b2 = flat(template.getLayer(KwsCnn.CONV2).getParam("b"));
        double[] db2 = flat(g.b2());
        double[] expectedB2 = new double[b2.length];
        for (int i = 0; i < b2.length; i++) {
            expectedB2[i] = b2[i] - eta * db2[i];
        }
        assertClose(
                expectedB2,
                flat(bc.getLayer(KwsCnn.CONV2).getParam("b")),
                1e-10,
                "conv2 bias: plain step at w_b");
    }

    @Test
    void stageTwoAndThreeStepsKeepPrunedGroupsAndTheirConv1FiltersExactlyZero() {
        boolean[] keep = new boolean[64];
        Random r = new Random(9);
        for (int g = 0; g < 64; g++) {
            keep[g] = r.nextDouble() < 0.6;
        }
        ChannelMask mask = new ChannelMask(keep);
        for (Algorithm a : new Algorithm[] {Algorithm.PLAIN, Algorithm.BC}) {
            MultiLayerNetwork after =
                    step(a, a == Algorithm.BC ? Hyper.bc(1e-3) : Hyper.none(), mask, 0.1);
            double[] w2 = flat(w2(after));
            double[] w1 = flat(w1(after)); // [64 filters, 1, 20, 8]
            double[] w2Before = flat(w2(template));
            int moved = 0;
            for (int i = 0; i < w2.length; i++) {
                int g = (i / 40) % 64;
                if (!keep[g]) {
                    assertEquals(
                            0.0, w2[i], 0.0, a + ": conv2 weight " + i + " of removed group " + g);
                } else if (w2[i] != w2Before[i]) {
                    moved++;
                }
            }
            for (int i = 0; i < w1.length; i++) {
                int f = i / 160;
                if (!keep[f]) {
                    assertEquals(
                            0.0, w1[i], 0.0, a + ": conv1 weight " + i + " of removed filter " + f);
                }
            }
            assertTrue(
                    moved > w2.length / 4,
                    a + ": the kept groups trained (" + moved + " weights moved)");
        }
    }

    @Test
    void groupLassoFlushesToZeroTheEntriesItShrinksBelowFloat32sSmallestNormalAndKeepsTheRest() {
        // float32, as training runs. Input channel 7 of conv2 is dead: conv1's filter 7 is zero
        // with bias −1, so its
        // ReLU output, its pooled output and conv2's loss gradient on group 7 are all exactly zero,
        // and one GL step
        // at η = 0.1, μ = 0.6 multiplies group 7 by 1 − ημ/‖w_7‖. Group 7 is c everywhere but one
        // entry of 1e-37,
        // with ‖w_7‖ = 0.0606 (c = 0.0606 / √2560): the factor is 1 − 0.06 / 0.0606 ≈ 0.0099, so
        // the c entries become
        // about 1.2e-5 (normal, kept) and the 1e-37 one about 1e-39, a denormal, which TensorFlow's
        // CPU arithmetic
        // (denormals flushed to zero) would hold as 0.
        double eta = 0.1;
        double mu = 0.6;
        MultiLayerNetwork net = KwsCnn.build(new Sgd(eta), 5);
        INDArray w1 = w1(net);
        w1.get(NDArrayIndex.point(7)).assign(0);
        net.getLayer(KwsCnn.CONV1).getParam("b").putScalar(7, -1.0);
        INDArray w2 = w2(net);
        double c = 0.0606 / Math.sqrt(2560);
        INDArray g7 =
                w2.get(
                        NDArrayIndex.all(),
                        NDArrayIndex.point(7),
                        NDArrayIndex.all(),
                        NDArrayIndex.all());
        g7.assign(c);
        w2.putScalar(new long[] {3, 7, 2, 1}, 1e-37);
        double norm = Math.sqrt(2559 * c * c + 1e-74);
        double factor = 1 - eta * mu / norm;
        assertTrue(
                1e-37 * factor < Float.MIN_NORMAL && 1e-37 * factor > 1e-40,
                "the hand case lands in the denormal range");

        StepState st = new StepState(net, null);
        Schedule sched = new Schedule(1, B, 1, eta, eta, 0, Optimizer.SGD, 1, 0, 0);
        TrainingStep ts = new TrainingStep(st, UpdateRule.of(Algorithm.GL, Hyper.gl(mu)), sched);
        ts.gradient(x.castTo(DataType.FLOAT), y.castTo(DataType.FLOAT), SEED);
        ts.update(new Sgd(eta).instantiate((INDArray) null, false), 0, 0);

        assertEquals(
                0.0,
                w2.getDouble(3, 7, 2, 1),
                0.0,
                "the entry shrunk below Float.MIN_NORMAL is exactly 0");
        // 1 − ημ/‖w_7‖ cancels two nearly equal numbers: float32's error in ‖w_7‖ (about 1e-5)
        // comes out 100 times larger.
        assertEquals(
                c * factor,
                w2.getDouble(0, 7, 0, 0),
                1e-2 * c * factor,
                "the normal entries take the plain GL step");
        assertEquals(
                c * factor,
                w2.getDouble(63, 7, 9, 3),
                1e-2 * c * factor,
                "the normal entries take the plain GL step");
        int denormal = 0;
        for (double v : flat(w2)) {
            if (v != 0 && Math.abs(v) < Float.MIN_NORMAL) {
                denormal++;
            }
        }
        assertEquals(0, denormal, "no denormal entry left in conv2");
    }

    @Test
    void aRevisedRuleChangesOnlyItsOwnRunsIdentity() {
        Schedule sched = Schedule.paper(Stage.I).compressed(20);
        RunSpec gl =
                new RunSpec(
                        "gl", Stage.I, Algorithm.GL, Hyper.gl(0.6), sched, "mini", "fp", 1, null);
        RunSpec rgsm =
                new RunSpec(
                        "rgsm",
                        Stage.I,
                        Algorithm.RGSM,
                        Hyper.rgsm(0.05, 1),
                        sched,
                        "mini",
                        "fp",
                        1,
                        null);
        assertTrue(
                gl.canonical().endsWith("trainer=" + RunSpec.TRAINER_VERSION + "\nrule=gl-r1\n"),
                gl.canonical());
        // The other rules' canonical text ends where it did before rules had revisions.
        assertTrue(
                rgsm.canonical()
                        .endsWith(
                                "model=kws-cnn-tf-conv-v1\ntrainer="
                                        + RunSpec.TRAINER_VERSION
                                        + "\n"),
                rgsm.canonical());
    }

    // ------------------------------------------------------------------ every penalty's map, wired

    /** Element-wise thresholds written out: soft at t (ℓ1), hard at √(2t) (ℓ0). */
    private static double soft(double x, double t) {
        return Math.signum(x) * Math.max(Math.abs(x) - t, 0);
    }

    /**
     * The map of each registered penalty, computed here by its key: the group maps and the element
     * thresholds written out.
     */
    private static double[] handProx(Penalty p, double[] w) {
        double lam = p.lambda();
        Map<String, Double> q = p.parameters();
        double[] z = w.clone();
        switch (p.key()) {
            case "GL" -> {
                return proxGl(w, lam);
            }
            case "GL0" -> { // (3.12): keep a group whose norm exceeds √(2λ)
                double[] n = groupNorms(Nd4j.create(w, new long[] {64, 64, 10, 4}));
                double[] f = new double[64];
                for (int g = 0; g < 64; g++) {
                    f[g] = n[g] > Math.sqrt(2 * lam) ? 1 : 0;
                }
                return perGroup(w, f);
            }
            case "SGL_L1" -> {
                for (int i = 0; i < z.length; i++) {
                    z[i] = soft(w[i], q.get("lambdaElement"));
                }
            }
            case "SGL_L0" -> {
                for (int i = 0; i < z.length; i++) {
                    z[i] = Math.abs(w[i]) > Math.sqrt(2 * q.get("lambdaElement")) ? w[i] : 0;
                }
            }
            // Transformed ℓ1's closed form (Zhang & Xin) is long; its scalar map is checked against
            // brute-force minimisation in ProxBruteForceTest, so it is the reference here.
            case "SGL_TL1" -> {
                for (int i = 0; i < z.length; i++) {
                    z[i] = ElementThreshold.TL1.apply(w[i], q.get("lambdaElement"), q.get("a"));
                }
            }
            default -> {
                // A penalty without a hand map here: its own map, held to brute force by
                // PenaltyBruteForceTest; this
                // test still checks that RGSM's step applies it.
                return flat(p.map().apply(Nd4j.create(w, new long[] {64, 64, 10, 4})));
            }
        }
        return proxGl(z, lam); // then group soft thresholding at λ
    }

    @Test
    void everyPenaltyOfRgsmAppliesItsOwnMapInTheFirstStep() {
        double eta = 0.1;
        double beta = 0.7;
        double[] w = flat(w2(template));
        double[] abs = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            abs[i] = Math.abs(w[i]);
        }
        Arrays.sort(abs);
        double cut = abs[abs.length / 3]; // each element threshold zeroes the smallest third of the
        // entries
        assertTrue(cut < 0.5, "transformed ℓ1's first branch (a = 1): " + cut);
        MultiLayerNetwork plain = step(Algorithm.PLAIN, Hyper.none(), null, eta);
        Map<String, double[]> expected = new LinkedHashMap<>();
        for (Penalty registered : Penalties.REGISTERED) {
            // A group-wise penalty cut at the median group norm (λ = m for GL, λ = m²/2 for group
            // ℓ0); a
            // sparse-group one with its dead zone at the third-smallest |w| and the group weight
            // λ/4.
            Penalty p =
                    registered instanceof SparseGroup sg
                            ? new SparseGroup(sg.inner().atDeadZone(cut), lambda / 4)
                            : registered.atThreshold(lambda);
            double[] u = handProx(p, w);
            double[] e = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                e[i] = -eta * beta * (w[i] - u[i]);
            }
            MultiLayerNetwork run = step(Algorithm.RGSM, Hyper.rgsm(p, beta), null, eta);
            assertClose(
                    e,
                    minus(flat(w2(run)), flat(w2(plain))),
                    1e-10,
                    p.key() + ": RGSM − plain = −ηβ(w − Prox(w))");
            expected.put(p.key(), e);
        }
        // The maps differ on these weights, so a run wired to another penalty's map fails above.
        for (var p : expected.entrySet()) {
            for (var q : expected.entrySet()) {
                if (p.getKey().compareTo(q.getKey()) < 0) {
                    double d = 0;
                    for (int i = 0; i < w.length; i++) {
                        d = Math.max(d, Math.abs(p.getValue()[i] - q.getValue()[i]));
                    }
                    assertTrue(
                            d > 1e-6,
                            p.getKey()
                                    + " and "
                                    + q.getKey()
                                    + " give the same step here (largest difference "
                                    + d
                                    + ")");
                }
            }
        }
    }

    // ------------------------------------------------------------------ BinaryConnect on a masked
    // layer

    @Test
    void binaryConnectOnAMaskedLayerScalesByTheKeptWeightsOnlyAndMapsZeroToPlusA() {
        boolean[] keep = new boolean[64];
        for (int g = 0; g < 64; g++) {
            keep[g] = g % 3 != 0; // 22 groups removed
        }
        MultiLayerNetwork net = template.clone();
        INDArray w2 = w2(net);
        // The removed groups hold large latent weights (as Stage II/III inherit them before the
        // mask
        // zeroes them), so a scale over all 64 groups would differ; one kept entry is exactly 0.
        double[] v = flat(w2);
        for (int i = 0; i < v.length; i++) {
            if (!keep[(i / 40) % 64]) {
                v[i] = 5 * (i % 2 == 0 ? 1 : -1);
            }
        }
        int zeroAt = 40 * 1 + 3; // out 0, group 1 (kept), element 3
        v[zeroAt] = 0;
        w2.assign(Nd4j.create(v, w2.shape()));
        StepState st = new StepState(net, new ChannelMask(keep));
        double sum = 0;
        int kept = 0;
        for (int i = 0; i < v.length; i++) {
            if (keep[(i / 40) % 64]) {
                sum += Math.abs(v[i]);
                kept++;
            }
        }
        double aKept = sum / kept;
        double aAll = 0;
        for (double e : v) {
            aAll += Math.abs(e);
        }
        aAll /= v.length;
        assertTrue(aAll > 2 * aKept, "the case separates the two scales: " + aKept + " vs " + aAll);
        UpdateRule.BinaryConnect bc = new UpdateRule.BinaryConnect(0.1);
        INDArray[] eval = {w1(net).dup(), w2.dup(), wf(net).dup()};
        bc.evaluationWeights(st, eval);
        bc.forwardWeights(st);
        for (double[] got : new double[][] {flat(eval[1]), flat(w2)}) {
            for (int i = 0; i < v.length; i++) {
                double want =
                        !keep[(i / 40) % 64] ? 0 : v[i] >= 0 ? aKept : -aKept; // sgn(0) = +1 (3.14)
                assertEquals(
                        want,
                        got[i],
                        1e-12,
                        "conv2 entry " + i + " (group " + (i / 40) % 64 + ", w = " + v[i] + ")");
            }
        }
        assertEquals(aKept, flat(w2)[zeroAt], 1e-12, "sgn(0) = +1");
        bc.restore(st);
        assertClose(v, flat(w2), 0, "restore puts the latent weights back");
    }

    @Test
    void groupLassoTakesTheSubgradientZeroAtAZeroGroupAndMuTimesTheUnitGroupElsewhere() {
        MultiLayerNetwork net = template.clone();
        INDArray w2 = w2(net);
        w2.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all())
                .assign(0);
        StepState st = new StepState(net, null);
        new UpdateRule.GroupLassoPenalty(0.6)
                .adjustGradient(st); // the gradient starts at 0: it holds the penalty's term alone
        double[] w = flat(w2);
        double[] n = groupNorms(w2);
        double[] got = flat(st.conv2Grad());
        for (int i = 0; i < w.length; i++) {
            int g = (i / 40) % 64;
            double want = g == 0 ? 0 : 0.6 * w[i] / n[g]; // (3.2) with ∂‖0‖ taken as 0, not 0/0
            assertEquals(want, got[i], 1e-12, "conv2 entry " + i + " of group " + g);
        }
    }
}
