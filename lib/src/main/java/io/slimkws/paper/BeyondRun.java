package io.slimkws.paper;

import io.slimkws.prox.ElementThreshold;
import io.slimkws.prox.Elementwise;
import io.slimkws.prox.GroupL0;
import io.slimkws.prox.L1MinusL2;
import io.slimkws.prox.Penalty;
import io.slimkws.prox.SparseGroup;
import io.slimkws.train.Hyper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Stage-I runs beyond the paper, as data: RGSM with the penalties its conclusion names (group ℓ0,
 * Remark 2) and the sparse-group family of its authors' later work (group ℓ2 at the paper's λ =
 * 0.04 with an inner penalty inside every group), each over a sweep of three thresholds, β = 1 (so
 * u = prox of the penalty itself), on the profile's Stage-I schedule.
 *
 * <p>The thresholds are set in units of the weights they cut, once, from measured scales (not from
 * accuracy), so that the families are compared at the same cut ({@link Penalty#atThreshold}). Group
 * ℓ0 zeroes a group whose norm is below √(2λ) = 0.05, 0.1, 0.2 (conv2's group norms are about 0.5
 * in the original network). The inner penalties share one set of dead zones t, the rounded
 * quartiles of |w| of conv2 in the RGSM λ = 0.04 network on {@code mini}. The measurements behind
 * these numbers are in docs/fidelity-log.md ("Thresholds of the study beyond the paper").
 */
public record BeyondRun(String target, Penalty penalty) {
    /** The group λ of the sparse-group runs: the paper's RGSM λ = 0.04. */
    static final double GROUP_LAMBDA = 0.04;

    /** The group-norm cuts of the group-wise penalties. */
    static final double[] GROUP_THRESHOLDS = {0.05, 0.1, 0.2};

    /** The element dead zones t shared by the sparse-group maps (quartiles of |w|, see above). */
    static final double[] ELEMENT_THRESHOLDS = {0.0003, 0.001, 0.0025};

    /**
     * The families of the study, one line each: a target prefix and the penalty (its parameters
     * other than the swept one).
     */
    static final LinkedHashMap<String, Penalty> FAMILIES = new LinkedHashMap<>();

    static {
        FAMILIES.put("gl0", new GroupL0(0));
        FAMILIES.put(
                "sgl-l1",
                new SparseGroup(new Elementwise(ElementThreshold.L1, 0, 0), GROUP_LAMBDA));
        FAMILIES.put(
                "sgl-tl1",
                new SparseGroup(new Elementwise(ElementThreshold.TL1, 0, 1), GROUP_LAMBDA));
        FAMILIES.put(
                "sgl-l0",
                new SparseGroup(new Elementwise(ElementThreshold.L0, 0, 0), GROUP_LAMBDA));
        FAMILIES.put("sgl-l1l2", new SparseGroup(new L1MinusL2(0, 1), GROUP_LAMBDA));
    }

    public static final List<BeyondRun> ALL = build();

    private static List<BeyondRun> build() {
        List<BeyondRun> runs = new ArrayList<>();
        FAMILIES.forEach(
                (key, family) -> {
                    boolean groups = family.cuts() == Penalty.Cut.GROUP_NORM;
                    for (double t : groups ? GROUP_THRESHOLDS : ELEMENT_THRESHOLDS) {
                        Penalty p = family.atThreshold(t);
                        // A group-wise penalty is named by its λ, an inner one by its dead zone.
                        runs.add(
                                new BeyondRun(
                                        key + (groups ? "-" + plain(p.lambda()) : "-t" + plain(t)),
                                        p));
                    }
                });
        return List.copyOf(runs);
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** The run folder's base name. */
    public String runName() {
        return "beyond-" + target;
    }

    /** The family's label, e.g. "group ℓ2 + transformed ℓ1". */
    public String family() {
        return penalty.label();
    }

    public Hyper hyper() {
        return Hyper.rgsm(penalty, 1.0);
    }

    /**
     * Where the map starts to zero: a group's norm for group-wise penalties, a single weight's |x|
     * for the sparse-group maps.
     */
    public double threshold() {
        return penalty.threshold();
    }

    /**
     * The penalty's parameters other than λ, as "name = value" text (empty for a group-wise
     * penalty).
     */
    public String innerParameters() {
        return penalty.parameters().entrySet().stream()
                .filter(e -> !e.getKey().equals("lambda"))
                .map(e -> e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** The families, in the order of {@link #ALL}. */
    public static List<String> families() {
        return ALL.stream().map(BeyondRun::family).distinct().toList();
    }
}
