package io.slimkws.paper;

import io.slimkws.train.Hyper;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage-I runs beyond the paper, as data: RGSM with the penalties its conclusion names (group ℓ0,
 * Remark 2) and the sparse-group family of its authors' later work (group ℓ2 at the paper's
 * λ = 0.04 with element-wise ℓ1, transformed ℓ1 with a = 1, or ℓ0), each over a sweep of three
 * thresholds, β = 1 (so u = prox of the penalty itself), on the profile's Stage-I schedule.
 *
 * <p>The thresholds are set in units of the weights they cut, once, from measured scales (not from
 * accuracy), so that the families are compared at the same cut. Group ℓ0 zeroes a group whose norm
 * is below √(2λ) = 0.05, 0.1, 0.2 (conv2's group norms are about 0.5 in the original network). The
 * element-wise maps share one set of dead zones t, the rounded quartiles of |w| of conv2 in the RGSM
 * λ = 0.04 network on {@code mini}; each penalty's λ_e is the one whose scalar prox zeroes |x| ≤ t
 * ({@link io.slimkws.prox.ElementThreshold#lambdaFor}). The measurements behind these numbers are in
 * docs/fidelity-log.md ("Thresholds of the study beyond the paper").
 */
public record BeyondRun(String target, String family, Hyper.Prox prox, double lambda, double lambdaElement, double a) {
    /** The group λ of the sparse-group runs: the paper's RGSM λ = 0.04. */
    static final double GROUP_LAMBDA = 0.04;
    /** The element dead zones t shared by the sparse-group maps (quartiles of |w|, see above). */
    static final double[] ELEMENT_THRESHOLDS = {0.0003, 0.001, 0.0025};

    public static final List<BeyondRun> ALL = build();

    private static List<BeyondRun> build() {
        List<BeyondRun> runs = new ArrayList<>();
        for (double lambda : new double[] {0.00125, 0.005, 0.02}) {
            runs.add(new BeyondRun("gl0-" + plain(lambda), "group ℓ0", Hyper.Prox.GL0, lambda, 0, 0));
        }
        sparseGroup(runs, "sgl-l1", "group ℓ2 + ℓ1", Hyper.Prox.SGL_L1, 0);
        sparseGroup(runs, "sgl-tl1", "group ℓ2 + transformed ℓ1", Hyper.Prox.SGL_TL1, 1);
        sparseGroup(runs, "sgl-l0", "group ℓ2 + ℓ0", Hyper.Prox.SGL_L0, 0);
        return List.copyOf(runs);
    }

    private static void sparseGroup(List<BeyondRun> runs, String key, String family, Hyper.Prox prox, double a) {
        for (double t : ELEMENT_THRESHOLDS) {
            // 10 significant digits: t²/2 prints as 4.5E-8, not 4.4999999999999996E-8, in the run's identity
            double lambdaElement = new BigDecimal(prox.element().lambdaFor(t, a), new MathContext(10)).doubleValue();
            runs.add(new BeyondRun(key + "-t" + plain(t), family, prox, GROUP_LAMBDA, lambdaElement, a));
        }
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** The run folder's base name. */
    public String runName() {
        return "beyond-" + target;
    }

    public Hyper hyper() {
        return Hyper.rgsm(prox, lambda, 1.0, lambdaElement, a);
    }

    /** Where the map starts to zero: a group's norm √(2λ) for group ℓ0, a single weight's |x| for the sparse-group maps. */
    public double threshold() {
        return prox.sparseGroup() ? prox.element().zeroBelow(lambdaElement, a) : Math.sqrt(2 * lambda);
    }

    /** The families, in the order of {@link #ALL}. */
    public static List<String> families() {
        return ALL.stream().map(BeyondRun::family).distinct().toList();
    }
}
