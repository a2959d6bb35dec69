package io.slimkws.paper;

import io.slimkws.train.Hyper;
import java.util.List;

/**
 * Stage-I runs beyond the paper, as data: RGSM with the penalties its conclusion names (group ℓ0,
 * Remark 2) and the sparse-group family of its authors' later work (group ℓ2 with element-wise ℓ1,
 * transformed ℓ1 with a = 1, or ℓ0), each over a small sweep of its threshold, β = 1, on the
 * profile's Stage-I schedule. The sweep values follow the scales of conv2's weights (group norms
 * about 0.45, weights about 0.02): GL0 zeroes groups below √(2λ) = 0.05, 0.1, 0.2; the element
 * thresholds span a tenth to one weight's size. They were set once from those scales, not tuned.
 */
public record BeyondRun(String target, String family, Hyper.Prox prox, double lambda, double lambdaElement, double a) {
    public static final List<BeyondRun> ALL = List.of(
            new BeyondRun("gl0-0.00125", "group ℓ0", Hyper.Prox.GL0, 0.00125, 0, 0),
            new BeyondRun("gl0-0.005", "group ℓ0", Hyper.Prox.GL0, 0.005, 0, 0),
            new BeyondRun("gl0-0.02", "group ℓ0", Hyper.Prox.GL0, 0.02, 0, 0),
            new BeyondRun("sgl-l1-0.002", "group ℓ2 + ℓ1", Hyper.Prox.SGL_L1, 0.04, 0.002, 0),
            new BeyondRun("sgl-l1-0.005", "group ℓ2 + ℓ1", Hyper.Prox.SGL_L1, 0.04, 0.005, 0),
            new BeyondRun("sgl-l1-0.01", "group ℓ2 + ℓ1", Hyper.Prox.SGL_L1, 0.04, 0.01, 0),
            new BeyondRun("sgl-tl1-0.002", "group ℓ2 + transformed ℓ1", Hyper.Prox.SGL_TL1, 0.04, 0.002, 1),
            new BeyondRun("sgl-tl1-0.005", "group ℓ2 + transformed ℓ1", Hyper.Prox.SGL_TL1, 0.04, 0.005, 1),
            new BeyondRun("sgl-tl1-0.01", "group ℓ2 + transformed ℓ1", Hyper.Prox.SGL_TL1, 0.04, 0.01, 1),
            new BeyondRun("sgl-l0-0.00002", "group ℓ2 + ℓ0", Hyper.Prox.SGL_L0, 0.04, 0.00002, 0),
            new BeyondRun("sgl-l0-0.0001", "group ℓ2 + ℓ0", Hyper.Prox.SGL_L0, 0.04, 0.0001, 0),
            new BeyondRun("sgl-l0-0.0003", "group ℓ2 + ℓ0", Hyper.Prox.SGL_L0, 0.04, 0.0003, 0));

    /** The run folder's base name. */
    public String runName() {
        return "beyond-" + target;
    }

    public Hyper hyper() {
        return Hyper.rgsm(prox, lambda, 1.0, lambdaElement, a);
    }

    /** The families, in the order of {@link #ALL}. */
    public static List<String> families() {
        return ALL.stream().map(BeyondRun::family).distinct().toList();
    }
}
