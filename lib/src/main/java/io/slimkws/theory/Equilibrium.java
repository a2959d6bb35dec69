package io.slimkws.theory;

import io.slimkws.data.AugmentedBatches;
import io.slimkws.data.Clip;
import io.slimkws.data.FeatureSet;
import io.slimkws.data.NoiseBank;
import io.slimkws.model.KwsCnn;
import io.slimkws.model.KwsParams;
import io.slimkws.model.KwsStep;
import io.slimkws.prox.GroupLassoProx;
import io.slimkws.prox.GroupProx;
import io.slimkws.prox.Lagrangian;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The equilibrium system (3.9) of Theorem 1 at the end of an RGSM run, on conv2 (the split
 * variable): ||ū - Prox(w̄)|| and ||∇ℓ(w̄) - β(ū - w̄)||, with ∇ℓ the full-batch gradient over the
 * given examples and dropout off, and the Lagrangian L_β(ū, w̄) on the same examples.
 */
public record Equilibrium(
        double proxResidual,
        double gradientResidual,
        double gradientNorm,
        double splittingNorm,
        double lagrangian,
        double loss) {

    /**
     * @param latent the float weights w̄ at the end of the run
     * @param u the run's thresholded conv2 weights ū
     */
    public static Equilibrium of(
            MultiLayerNetwork latent,
            INDArray u,
            GroupProx prox,
            double beta,
            FeatureSet examples) {
        MultiLayerNetwork net =
                latent.clone(); // KwsCnn's DL4J network has no dropout: ℓ is the deterministic loss
        INDArray w = net.getLayer(KwsCnn.CONV2).getParam("W");
        INDArray grad = w.ulike();
        double loss = 0;
        int n = 0;
        var it = examples.batches(200);
        while (it.hasNext()) {
            DataSet d = it.next();
            net.setInput(d.getFeatures());
            net.setLabels(d.getLabels());
            net.computeGradientAndScore();
            grad.addi(net.gradient().getGradientFor(KwsCnn.CONV2 + "_W")); // summed over the batch
            loss += net.score() * d.numExamples();
            n += d.numExamples();
        }
        grad.divi(n);
        loss /= n;
        return at(w, u, grad, loss, prox, beta);
    }

    /**
     * (3.9)'s residuals and the Lagrangian at (ū, w̄), given ∇ℓ(w̄) and ℓ(w̄): ‖ū − Prox(w̄)‖ (for
     * group Lasso against a second computation of the prox, plain loops), ‖∇ℓ(w̄) − β(ū − w̄)‖, and
     * L_β(ū, w̄).
     */
    static Equilibrium at(
            INDArray w, INDArray u, INDArray grad, double loss, GroupProx prox, double beta) {
        INDArray split = u.sub(w).muli(beta);
        double proxRes =
                prox instanceof GroupLassoProx gl
                        ? distance(u, groupSoftThreshold(w, gl.lambda()))
                        : u.distance2(prox.apply(w));
        double gradRes = grad.distance2(split);
        double lagrangian = Lagrangian.of(loss, beta, prox, w, u);
        return new Equilibrium(
                proxRes,
                gradRes,
                grad.norm2Number().doubleValue(),
                split.norm2Number().doubleValue(),
                lagrangian,
                loss);
    }

    /**
     * Theorem 1's conditions group by group, with ∇ℓ(w̄) on conv2 averaged over {@code batches}
     * augmented training batches with dropout, as in training. For a group with ū_g = 0, (3.9) asks
     * ‖∇_g ℓ‖ ≤ βλ (the subgradient condition of the prox); for the other groups ∇_g ℓ = β(ū_g −
     * w̄_g).
     *
     * @param zeroGroups groups with ū_g = 0
     * @param zeroGroupsWithin of those, the groups with ‖∇_g ℓ‖ ≤ βλ
     * @param keptResidual ‖∇_K ℓ − β(ū_K − w̄_K)‖ over the non-zero groups K
     * @param keptScale ‖β(ū_K − w̄_K)‖, for scale
     */
    public record ByGroup(
            int zeroGroups,
            int zeroGroupsWithin,
            double keptResidual,
            double keptScale,
            int samples) {}

    public static ByGroup byGroup(
            MultiLayerNetwork latent,
            INDArray u,
            double beta,
            double lambda,
            List<Clip> clips,
            NoiseBank noise,
            int batches,
            long seed) {
        // No copy of the network: KwsStep reads the parameters and writes only into its gradient.
        MultiLayerNetwork net = latent;
        INDArray w = net.getLayer(KwsCnn.CONV2).getParam("W");
        INDArray grad = w.ulike().assign(0);
        // The training step's own gradient, dropout on where training has it (KwsStep).
        KwsStep step = new KwsStep();
        KwsStep.Params p = KwsParams.of(net);
        KwsStep.Params stepGrad = p.zerosLike();
        int n = 0;
        try (var it = new AugmentedBatches(clips, noise, 100, seed, 0, 2)) {
            for (int b = 0; b < batches; b++) {
                DataSet d = it.next();
                Nd4j.getRandom().setSeed(seed * 1_000_003L + b);
                step.gradient(
                        p,
                        d.getFeatures(),
                        d.getLabels(),
                        KwsCnn.KEEP_PROBABILITY,
                        stepGrad); // mean over the batch
                grad.addi(stepGrad.w2().mul(d.numExamples()));
                n += d.numExamples();
            }
        }
        grad.divi(n);
        return conditions(w, u, grad, beta, lambda, n);
    }

    /**
     * The group-by-group conditions of (3.9) at (ū, w̄), given ∇ℓ(w̄) on conv2 averaged over {@code
     * samples} examples.
     */
    static ByGroup conditions(
            INDArray w, INDArray u, INDArray grad, double beta, double lambda, int samples) {
        double[] g = grad.dup('c').data().asDouble();
        double[] uv = u.dup('c').data().asDouble();
        double[] wv = w.dup('c').data().asDouble();
        long[] sh = w.shape();
        int in = (int) sh[1];
        int k = (int) (sh[2] * sh[3]);
        double[] gNorm = new double[in];
        double[] uNorm = new double[in];
        for (int i = 0; i < g.length; i++) {
            int grp = (i / k) % in;
            gNorm[grp] += g[i] * g[i];
            uNorm[grp] += uv[i] * uv[i];
        }
        int zero = 0;
        int within = 0;
        for (int grp = 0; grp < in; grp++) {
            if (uNorm[grp] == 0) {
                zero++;
                if (Math.sqrt(gNorm[grp]) <= beta * lambda) {
                    within++;
                }
            }
        }
        double res = 0;
        double scale = 0;
        for (int i = 0; i < g.length; i++) {
            if (uNorm[(i / k) % in] > 0) {
                double split = beta * (uv[i] - wv[i]);
                res += (g[i] - split) * (g[i] - split);
                scale += split * split;
            }
        }
        return new ByGroup(zero, within, Math.sqrt(res), Math.sqrt(scale), samples);
    }

    /**
     * Prox of λ‖·‖_GL on conv2 ([out, in, kH, kW], a group per input channel), written out: max(0,
     * 1 − λ/‖w_g‖) w_g.
     */
    static double[] groupSoftThreshold(INDArray w, double lambda) {
        long[] s = w.shape();
        int out = (int) s[0];
        int in = (int) s[1];
        int k = (int) (s[2] * s[3]);
        double[] v = w.dup('c').data().asDouble();
        double[] norm = new double[in];
        for (int i = 0; i < v.length; i++) {
            norm[(i / k) % in] += v[i] * v[i];
        }
        double[] u = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double n = Math.sqrt(norm[(i / k) % in]);
            u[i] = n > lambda ? (1 - lambda / n) * v[i] : 0;
        }
        return u;
    }

    private static double distance(INDArray a, double[] b) {
        double[] v = a.dup('c').data().asDouble();
        double d = 0;
        for (int i = 0; i < v.length; i++) {
            d += (v[i] - b[i]) * (v[i] - b[i]);
        }
        return Math.sqrt(d);
    }
}
