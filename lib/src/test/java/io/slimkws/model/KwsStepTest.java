package io.slimkws.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link KwsStep} against two independent references: DL4J's own layers (MultiLayerNetwork's output
 * and computeGradientAndScore, dropout off) and central finite differences of the loss (dropout off
 * and on); TensorFlow's dropout placement against DL4J's conv1 activations masked and max-pooled by
 * hand; and the physically pruned computation against DL4J's masked network for a real mask.
 */
class KwsStepTest {
    static final int N = 6;
    static MultiLayerNetwork net;
    static INDArray x;
    static INDArray y;

    @BeforeAll
    static void setUp() {
        net = KwsCnn.build(new Sgd(1e-3), 7); // DL4J's network has no dropout
        Nd4j.getRandom().setSeed(11);
        // Weights well away from the 0.01-std initialisation, so every layer's gradient matters.
        net.params().addi(Nd4j.randn(DataType.FLOAT, net.params().shape()).muli(0.03));
        x = Nd4j.randn(DataType.FLOAT, N, 1, KwsCnn.FRAMES, KwsCnn.COEFFS);
        y = Nd4j.zeros(DataType.FLOAT, N, KwsCnn.CLASSES);
        for (int i = 0; i < N; i++) {
            y.putScalar(i, (i * 5) % KwsCnn.CLASSES, 1f);
        }
    }

    /**
     * A float64 copy of the parameters: float32 sums over 62,720 products are too noisy for a
     * difference quotient.
     */
    static KwsStep.Params inDouble(KwsStep.Params f) {
        return new KwsStep.Params(
                f.w1().castTo(DataType.DOUBLE),
                f.b1().castTo(DataType.DOUBLE),
                f.w2().castTo(DataType.DOUBLE),
                f.b2().castTo(DataType.DOUBLE),
                f.wf().castTo(DataType.DOUBLE),
                f.bf().castTo(DataType.DOUBLE));
    }

    /**
     * 43 of 64 channels kept (every third from the second dropped): not a whole number of vectors.
     */
    static ChannelMask fortyThreeKept() {
        boolean[] keep = new boolean[64];
        for (int i = 0; i < 64; i++) {
            keep[i] = i % 3 != 1;
        }
        return new ChannelMask(keep);
    }

    static double relErr(INDArray a, INDArray b) {
        return a.reshape(a.length()).sub(b.reshape(b.length())).norm2Number().doubleValue()
                / b.norm2Number().doubleValue();
    }

    @Test
    void logitsAndGradientsEqualDl4jsLayers() {
        KwsStep step = new KwsStep();
        KwsStep.Params p = KwsParams.of(net);
        INDArray probDl4j = net.output(x, false);
        INDArray probMine = Transforms.softmax(step.logits(p, x), true);
        assertTrue(
                relErr(probMine, probDl4j) < 1e-5,
                "softmax outputs differ: " + relErr(probMine, probDl4j));

        // The gradients' reference is DL4J's network in float64: DL4J's float32 path (oneDNN's
        // conv2d_bp) has conv1's
        // weight gradient 1.2e-3 away from its own float64 result on this case, where these kernels
        // are 1e-6 away.
        MultiLayerNetwork ref = net.convertDataType(DataType.DOUBLE);
        ref.setInput(x.castTo(DataType.DOUBLE));
        ref.setLabels(y.castTo(DataType.DOUBLE));
        ref.computeGradientAndScore();
        Gradient g = ref.gradient();
        KwsStep.Params mine = p.zerosLike();
        double loss = step.gradient(p, x, y, 1.0, mine);
        assertEquals(ref.score(), loss, 1e-5 * Math.abs(loss));
        String[] keys = {"0_W", "0_b", "2_W", "2_b", "3_W", "3_b"};
        INDArray[] m = mine.all();
        for (int i = 0; i < keys.length; i++) {
            INDArray r = g.getGradientFor(keys[i]).div(N); // DL4J sums over the batch
            double e = relErr(m[i].castTo(DataType.DOUBLE), r);
            assertTrue(e < 1e-4, keys[i] + ": relative error " + e + " against DL4J");
        }
    }

    @Test
    void conv1WeightGradientMatchesFiniteDifferences() {
        // conv1's weight gradient is hand-written (im2col + GEMM, no input gradient): check it on
        // its own.
        KwsStep step = new KwsStep();
        // In float64 (float32 sums over 62,720 products are too noisy for a difference quotient).
        KwsStep.Params p = inDouble(KwsParams.of(net));
        KwsStep.Params g = p.zerosLike();
        INDArray xd = x.castTo(DataType.DOUBLE);
        INDArray yd = y.castTo(DataType.DOUBLE);
        step.gradient(p, xd, yd, 1.0, g);
        Random r = new Random(3);
        INDArray w1 = p.w1();
        double h = 1e-7; // small enough that few ReLU or max-pool kinks lie inside ±h; float64
        // round-off ~1e-9
        for (int t = 0; t < 8; t++) {
            long[] at = {
                r.nextInt(64),
                0,
                t < 4 ? r.nextInt(20) : (t % 2 == 0 ? 0 : 19),
                t < 4 ? r.nextInt(8) : (t % 3 == 0 ? 0 : 7)
            };
            double w = w1.getDouble(at);
            w1.putScalar(at, w + h);
            double up = step.loss(p, xd, yd);
            w1.putScalar(at, w - h);
            double down = step.loss(p, xd, yd);
            w1.putScalar(at, w);
            double fd = (up - down) / (2 * h);
            double an = g.w1().getDouble(at);
            assertEquals(
                    fd,
                    an,
                    1e-4 * Math.abs(fd) + 1e-6,
                    "dℓ/dW1"
                            + Arrays.toString(at)
                            + ": finite difference "
                            + fd
                            + ", KwsStep "
                            + an);
        }
    }

    @Test
    void firstDropoutActsBeforeTheMaxPoolAsInTensorFlow() {
        // TensorFlow's conv model: relu(conv1) -> dropout -> max-pool. Reference: DL4J's conv1
        // activations,
        // the same mask, and a 2x2 max-pool written out here. Dropping after the pool would give
        // each pooled
        // unit either 0 or the full max; before it, the max of the units kept (scaled by 1/p).
        KwsStep step = new KwsStep();
        KwsStep.Params p = KwsParams.of(net);
        long seed = 17;
        INDArray m1 =
                Dropout.mask(
                        seed,
                        1,
                        new long[] {N, KwsCnn.FRAMES, KwsCnn.COEFFS, 64},
                        0.5,
                        DataType.FLOAT);
        INDArray mine =
                step.conv2Input(p, x, seed, 0.5); // NHWC [N, 49, 20, 64], the float32 kernels
        double[] a =
                net.feedForwardToLayer(KwsCnn.CONV1, x, false)
                        .get(KwsCnn.CONV1 + 1)
                        .dup('c')
                        .data()
                        .asDouble(); // NCHW
        double[] m = m1.dup('c').data().asDouble(); // NHWC
        double[] got = mine.dup('c').data().asDouble();
        int h = KwsCnn.FRAMES, w = KwsCnn.COEFFS, c = 64, h2 = h / 2, w2 = w / 2;
        double maxErr = 0;
        int poolsPartlyDropped = 0;
        for (int n = 0; n < N; n++) {
            for (int i = 0; i < h2; i++) {
                for (int j = 0; j < w2; j++) {
                    for (int ch = 0; ch < c; ch++) {
                        double best = Double.NEGATIVE_INFINITY;
                        int kept = 0;
                        for (int di = 0; di < 2; di++) {
                            for (int dj = 0; dj < 2; dj++) {
                                int t = 2 * i + di, f = 2 * j + dj;
                                double mk = m[((n * h + t) * w + f) * c + ch];
                                kept += mk > 0 ? 1 : 0;
                                best = Math.max(best, a[((n * c + ch) * h + t) * w + f] * mk);
                            }
                        }
                        poolsPartlyDropped += kept > 0 && kept < 4 ? 1 : 0;
                        maxErr =
                                Math.max(
                                        maxErr,
                                        Math.abs(best - got[((n * h2 + i) * w2 + j) * c + ch]));
                    }
                }
            }
        }
        assertTrue(
                poolsPartlyDropped > 100_000,
                "the mask drops part of most pooling windows: " + poolsPartlyDropped);
        assertTrue(
                maxErr < 1e-5, "conv2's input against mask-then-pool by hand: max error " + maxErr);
    }

    @Test
    void gradientWithDropoutMatchesFiniteDifferencesOfTheSameMasks() {
        // With dropout on, the masks are drawn from the seed: the same seed gives the same masks,
        // so the loss
        // is a deterministic function of the weights whose difference quotient checks the backward
        // pass
        // through both dropouts and the pool (conv1's weights sit behind all of them).
        KwsStep step = new KwsStep();
        KwsStep.Params p = inDouble(KwsParams.of(net));
        KwsStep.Params g = p.zerosLike();
        KwsStep.Params scratch = p.zerosLike();
        INDArray xd = x.castTo(DataType.DOUBLE);
        INDArray yd = y.castTo(DataType.DOUBLE);
        Nd4j.getRandom().setSeed(23);
        step.gradient(p, xd, yd, 0.5, g);
        Random r = new Random(9);
        double h = 1e-7;
        INDArray[] params = {p.w1(), p.w2()};
        INDArray[] grads = {g.w1(), g.w2()};
        for (int t = 0; t < 10; t++) {
            INDArray wt = params[t % 2];
            long[] at = {
                r.nextInt(64),
                t % 2 == 0 ? 0 : r.nextInt(64),
                r.nextInt((int) wt.size(2)),
                r.nextInt((int) wt.size(3))
            };
            double w = wt.getDouble(at);
            wt.putScalar(at, w + h);
            Nd4j.getRandom().setSeed(23);
            double up = step.gradient(p, xd, yd, 0.5, scratch);
            wt.putScalar(at, w - h);
            Nd4j.getRandom().setSeed(23);
            double down = step.gradient(p, xd, yd, 0.5, scratch);
            wt.putScalar(at, w);
            double fd = (up - down) / (2 * h);
            double an = grads[t % 2].getDouble(at);
            assertEquals(
                    fd,
                    an,
                    1e-4 * Math.abs(fd) + 1e-6,
                    (t % 2 == 0 ? "dℓ/dW1" : "dℓ/dW2")
                            + Arrays.toString(at)
                            + " with dropout: finite difference "
                            + fd
                            + ", KwsStep "
                            + an);
        }
    }

    @Test
    void float32KernelsEqualTheFloat64OpsDenseAndPrunedWithAndWithoutDropout() {
        // float32 runs the fused Vector-API kernels (Conv1Block, Dropout); float64 runs ND4J's own
        // ops with the
        // same masks drawn as arrays, the path the finite differences above check. With dropout on,
        // and with a
        // pruned k that is not a whole number of vectors (the kernels' scalar tails).
        KwsStep step = new KwsStep();
        boolean[] half = new boolean[64];
        for (int i = 0; i < 64; i += 2) {
            half[i] = true;
        }
        ChannelMask[] masks = {null, fortyThreeKept(), null, new ChannelMask(half)};
        double[] keeps = {0.5, 0.5, 1.0, 0.5};
        int[] clips = {
            N, N, N, 4
        }; // 4: fewer clips than the kernels' parts on a larger host, and the trainer tests' batch
        for (int run = 0; run < masks.length; run++) {
            ChannelMask mask = masks[run];
            double keepP = keeps[run];
            KwsStep.Params f32 = KwsParams.pruned(KwsParams.of(net), mask);
            KwsStep.Params f64 = inDouble(f32);
            KwsStep.Params g32 = f32.zerosLike();
            KwsStep.Params g64 = f64.zerosLike();
            INDArray xs = x.get(NDArrayIndex.interval(0, clips[run])).dup();
            INDArray ys = y.get(NDArrayIndex.interval(0, clips[run])).dup();
            Nd4j.getRandom().setSeed(31);
            double l32 = step.gradient(f32, xs, ys, keepP, g32);
            Nd4j.getRandom().setSeed(31);
            double l64 =
                    step.gradient(
                            f64,
                            xs.castTo(DataType.DOUBLE),
                            ys.castTo(DataType.DOUBLE),
                            keepP,
                            g64);
            String what =
                    (mask == null ? "dense" : mask.keptCount() + " kept")
                            + ", keep "
                            + keepP
                            + ", "
                            + clips[run]
                            + " clips";
            assertEquals(l64, l32, 1e-5 * Math.abs(l64), what + ": loss");
            String[] names = {"W1", "b1", "W2", "b2", "Wf", "bf"};
            for (int i = 0; i < names.length; i++) {
                double e = relErr(g32.all()[i].castTo(DataType.DOUBLE), g64.all()[i]);
                assertTrue(
                        e < 1e-4,
                        what
                                + ": dℓ/d"
                                + names[i]
                                + " float32 kernels against float64 ops, relative error "
                                + e);
            }
        }
    }

    /**
     * Inference reuses each thread's scratch for conv1 instead of keeping the batch's activations:
     * logits of dense, pruned (a k that is not whole vectors) and dense again, with other batch
     * sizes between and a training step among them, must each equal ND4J's float64 ops.
     */
    @Test
    void inferenceLogitsEqualTheFloat64OpsAcrossWidthsAndBatchesInAnyOrder() {
        KwsStep step = new KwsStep();
        ChannelMask[] masks = {null, fortyThreeKept(), null, fortyThreeKept()};
        int[] clips = {N, 4, 2, N};
        for (int run = 0; run < masks.length; run++) {
            KwsStep.Params f32 = KwsParams.pruned(KwsParams.of(net), masks[run]);
            INDArray xs = x.get(NDArrayIndex.interval(0, clips[run])).dup();
            INDArray mine = step.logits(f32, xs).castTo(DataType.DOUBLE);
            INDArray ref = step.logits(inDouble(f32), xs.castTo(DataType.DOUBLE));
            double e = relErr(mine, ref);
            assertTrue(e < 1e-5, "inference " + run + ": logits against float64 ops " + e);
            if (run == 1) {
                step.gradient(
                        f32, xs, y.get(NDArrayIndex.interval(0, 4)).dup(), 0.5, f32.zerosLike());
            }
        }
    }

    @Test
    void prunedNetworkEqualsMaskedNetworkInOutputsAndGradientsOnKeptWeights() {
        Random r = new Random(5);
        boolean[] keep = new boolean[64];
        for (int i = 0; i < 64; i++) {
            keep[i] = r.nextDouble() < 0.55;
        }
        ChannelMask mask = new ChannelMask(keep);
        assertTrue(
                mask.keptCount() > 20 && mask.keptCount() < 44,
                "a real mask: " + mask.keptCount() + " kept");
        MultiLayerNetwork masked = net.clone();
        mask.apply(masked.getParam("2_W"));
        // DL4J's masked network: the reference
        masked.setInput(x);
        masked.setLabels(y);
        masked.computeGradientAndScore();
        Gradient ref = masked.gradient();
        INDArray outRef = masked.output(x, false);

        KwsStep step = new KwsStep();
        KwsStep.Params full = KwsParams.of(masked);
        KwsStep.Params pruned = KwsParams.pruned(full, mask);
        assertEquals(mask.keptCount(), pruned.kept());
        assertArrayEquals(new long[] {mask.keptCount(), 1, 20, 8}, pruned.w1().shape());
        assertArrayEquals(new long[] {64, mask.keptCount(), 10, 4}, pruned.w2().shape());
        INDArray outPruned = Transforms.softmax(step.logits(pruned, x), true);
        assertTrue(
                relErr(outPruned, outRef) < 1e-5,
                "pruned vs masked outputs: " + relErr(outPruned, outRef));

        KwsStep.Params gFull =
                full.zerosLike(); // as StepState: the pruned gradient shares fc's and conv2's
        // bias arrays
        KwsStep.Params gPruned = KwsParams.pruned(gFull, mask);
        step.gradient(pruned, x, y, 1.0, gPruned);
        KwsParams.scatter(gPruned, mask, gFull);
        INDArray refW2 = ref.getGradientFor("2_W").div(N);
        INDArray refW1 = ref.getGradientFor("0_W").div(N);
        INDArray w2Mask = mask.weightMask(refW2.shape(), DataType.FLOAT);
        // On kept weights: DL4J's gradient. On removed ones: zero (DL4J's is not, the masked
        // weights are only zero).
        assertTrue(
                relErr(gFull.w2().mul(w2Mask), refW2.mul(w2Mask)) < 1e-4,
                "conv2 kept-weight gradient");
        assertEquals(0.0, gFull.w2().mul(w2Mask.rsub(1)).norm2Number().doubleValue(), 0.0);
        assertTrue(
                relErr(gFull.w1(), refW1) < 1e-4,
                "conv1 gradient (removed filters get none in both)");
        assertTrue(relErr(gFull.wf(), ref.getGradientFor("3_W").div(N)) < 1e-4, "fc gradient");
        for (int c = 0; c < 64; c++) {
            if (!keep[c]) {
                assertEquals(
                        0.0,
                        refW1.slice(c).norm2Number().doubleValue(),
                        1e-12,
                        "DL4J: filter " + c + " feeds nothing");
            }
        }
    }

    @Test
    void dropoutMasksAreInvertedBernoulliAndReproducibleFromTheSeed() {
        INDArray a = Dropout.mask(42, 1, new long[] {200, 49, 20, 8}, 0.5, DataType.FLOAT);
        INDArray b = Dropout.mask(42, 1, new long[] {200, 49, 20, 8}, 0.5, DataType.FLOAT);
        assertEquals(a, b);
        double zeros = a.eq(0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        double twos = a.eq(2).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        assertEquals(1.0, zeros + twos, 1e-9, "values other than 0 and 1/p");
        assertEquals(0.5, zeros, 0.005);
    }
}
