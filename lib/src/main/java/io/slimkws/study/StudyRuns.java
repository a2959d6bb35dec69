package io.slimkws.study;

import io.slimkws.paper.PaperValues;
import io.slimkws.paper.RunDefinition;
import io.slimkws.prox.ElementThreshold;
import io.slimkws.prox.Elementwise;
import io.slimkws.prox.GroupL0;
import io.slimkws.prox.L1MinusL2;
import io.slimkws.prox.Penalty;
import io.slimkws.prox.SparseGroup;
import io.slimkws.train.Algorithm;
import io.slimkws.train.Hyper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The runs of the study beyond the paper, as data ({@link RunDefinition}s, as the paper's): Stage-I
 * runs RGSM with the penalties its conclusion names (group ℓ0, Remark 2) and the sparse-group
 * family of its authors' later work (group ℓ2 at the paper's λ = 0.04 with an inner penalty inside
 * every group), β = 1 (so u = prox of the penalty itself), on the profile's Stage-I schedule.
 *
 * <p>The thresholds are set in units of the weights they cut, once, from measured scales (not from
 * accuracy), so that the families are compared at the same cut ({@link Penalty#atThreshold}). Group
 * ℓ0 zeroes a group whose norm is below √(2λ) (conv2's group norms are about 0.5 in the original
 * network). The inner penalties share one set of dead zones t, the rounded quartiles of |w| of
 * conv2 in the RGSM λ = 0.04 network on {@code mini}. The measurements behind these numbers are in
 * docs/fidelity-log.md ("Thresholds of the study beyond the paper").
 *
 * <p>The budget of the study (at most 1.2 M training samples beyond the paper's runs) holds seven
 * Stage-I runs and the five finals (Stages II and III of each family's best): every family at the
 * middle cut (the median |w|, t = 0.001; group norm 0.1), and the upper cut (the upper quartile, t
 * = 0.0025; group norm 0.2) for the two penalties the paper's conclusion names, group ℓ0 and
 * transformed ℓ1. Left out: the lower cut (t = 0.0003; group norm 0.05), which zeroes little beyond
 * group Lasso at λ = 0.04 (itself a point of the frontier), and the upper cut of ℓ1, ℓ0 and ℓ1 −
 * ℓ2.
 */
public final class StudyRuns {
    /** The group λ of the sparse-group runs: the paper's RGSM λ = 0.04. */
    static final double GROUP_LAMBDA = 0.04;

    /** The group-norm cuts of the group-wise penalties: lower, middle, upper. */
    static final double[] GROUP_THRESHOLDS = {0.05, 0.1, 0.2};

    /** The element dead zones t shared by the sparse-group maps (quartiles of |w|, see above). */
    static final double[] ELEMENT_THRESHOLDS = {0.0003, 0.001, 0.0025};

    /**
     * One penalty family of the study: a target prefix, the penalty (its parameters other than the
     * swept one) and the cuts it runs at (indices into its threshold list: 0 lower, 1 middle, 2
     * upper).
     */
    record Family(String key, Penalty penalty, int... cuts) {
        double[] thresholds() {
            double[] all =
                    penalty.cuts() == Penalty.Cut.GROUP_NORM
                            ? GROUP_THRESHOLDS
                            : ELEMENT_THRESHOLDS;
            double[] t = new double[cuts.length];
            for (int i = 0; i < cuts.length; i++) {
                t[i] = all[cuts[i]];
            }
            return t;
        }
    }

    /** The families of the study, one line each (see the budget above). */
    static final List<Family> FAMILIES =
            List.of(
                    new Family("gl0", new GroupL0(0), 1, 2),
                    new Family(
                            "sgl-l1",
                            new SparseGroup(
                                    new Elementwise(ElementThreshold.L1, 0, 0), GROUP_LAMBDA),
                            1),
                    new Family(
                            "sgl-tl1",
                            new SparseGroup(
                                    new Elementwise(ElementThreshold.TL1, 0, 1), GROUP_LAMBDA),
                            1,
                            2),
                    new Family(
                            "sgl-l0",
                            new SparseGroup(
                                    new Elementwise(ElementThreshold.L0, 0, 0), GROUP_LAMBDA),
                            1),
                    new Family("sgl-l1l2", new SparseGroup(new L1MinusL2(0, 1), GROUP_LAMBDA), 1));

    /** The Stage-I sweep: every family at each of its cuts, RGSM with β = 1. */
    public static final List<RunDefinition> SWEEP = build();

    private StudyRuns() {}

    private static List<RunDefinition> build() {
        List<RunDefinition> runs = new ArrayList<>();
        for (Family family : FAMILIES) {
            boolean groups = family.penalty().cuts() == Penalty.Cut.GROUP_NORM;
            for (double t : family.thresholds()) {
                Penalty p = family.penalty().atThreshold(t);
                // A group-wise penalty is named by its λ, an inner one by its dead zone.
                String target = family.key() + (groups ? "-" + plain(p.lambda()) : "-t" + plain(t));
                runs.add(
                        RunDefinition.stage1(
                                target,
                                "beyond-" + target,
                                Algorithm.RGSM,
                                Hyper.rgsm(p, 1.0),
                                null));
            }
        }
        return List.copyOf(runs);
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /**
     * Stage II (float retraining with the run's channels masked) after a Stage-I run of the sweep.
     */
    public static RunDefinition stage2(RunDefinition stage1) {
        return RunDefinition.stage2(
                stage1.target() + "-stage2", stage1.runName() + "-stage2", stage1, null);
    }

    /** Stage III (blended BinaryConnect at the paper's ρ) after {@link #stage2}. */
    public static RunDefinition stage3(RunDefinition stage1) {
        RunDefinition s2 = stage2(stage1);
        return RunDefinition.stage3(
                stage1.target() + "-stage3",
                stage1.runName() + "-stage3",
                s2,
                PaperValues.RHO,
                null);
    }

    /** The family's label of a run of the sweep, e.g. "group ℓ2 + transformed ℓ1". */
    public static String family(RunDefinition r) {
        return r.hyper().penalty().label();
    }

    /**
     * Where a run's map starts to zero: a group's norm for group-wise penalties, a single weight's
     * |x| for the sparse-group maps.
     */
    public static double threshold(RunDefinition r) {
        return r.hyper().penalty().threshold();
    }

    /**
     * The penalty's parameters other than λ, as "name = value" text (empty for a group-wise
     * penalty).
     */
    public static String innerParameters(RunDefinition r) {
        return r.hyper().penalty().parameters().entrySet().stream()
                .filter(e -> !e.getKey().equals("lambda"))
                .map(e -> e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** The families, in the order of {@link #SWEEP}. */
    public static List<String> families() {
        return SWEEP.stream().map(StudyRuns::family).distinct().toList();
    }
}
