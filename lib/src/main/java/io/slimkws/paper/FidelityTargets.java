package io.slimkws.paper;

import io.slimkws.train.RunResult;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The targets the default profile ({@code mini}) is held to: how close the compressed schedule must
 * come to the full one on this corpus (the fidelity table of docs/fidelity-log.md). They are the
 * project's targets, not the paper's values (those are {@link PaperValues}); each is checked on the
 * mean over the seeds a run has, and each seed's value is shown beside it.
 */
public final class FidelityTargets {
    /** The original network's validation accuracy, at least (%). */
    public static final double ORIGINAL_AT_LEAST = 78.0;

    /** RGSM λ = 0.05's channel sparsity, at least (%). */
    public static final double RGSM005_SPARSITY_AT_LEAST = 30.0;

    /** How far each Stage II may end below the original (pp). */
    public static final double STAGE2_BELOW_ORIGINAL_AT_MOST = 1.5;

    /** How far each Stage III may end below its Stage II (pp). */
    public static final double STAGE3_BELOW_STAGE2_AT_MOST = 2.5;

    private FidelityTargets() {}

    /**
     * One row per target: what was measured (mean over seeds, then each seed; a Stage II or III
     * seed also with its difference from the same seed's original or Stage II), the margin, and met
     * / missed / reported.
     */
    public static Table of(PaperClaims.Runs r) {
        StringColumn target = StringColumn.create("target");
        StringColumn measured = StringColumn.create("measured (mean over seeds)");
        StringColumn perSeed = StringColumn.create("per seed");
        StringColumn verdict = StringColumn.create("");
        ToDoubleFunction<RunResult> val = RunResult::valAcc;
        ToDoubleFunction<RunResult> sp = PaperTables::exactZeroSparsity;

        double orig = mean(r.original(), val);
        add(
                target,
                measured,
                perSeed,
                verdict,
                "original ≥ " + ORIGINAL_AT_LEAST + " %",
                pct(orig),
                seeds(r.original(), val),
                verdict(orig >= ORIGINAL_AT_LEAST, orig));
        double sparsity = mean(r.rgsm005(), sp);
        add(
                target,
                measured,
                perSeed,
                verdict,
                "RGSM λ = 0.05 channel sparsity ≥ " + RGSM005_SPARSITY_AT_LEAST + " %",
                pct(sparsity),
                seeds(r.rgsm005(), sp),
                verdict(sparsity >= RGSM005_SPARSITY_AT_LEAST, sparsity));
        for (String lambda : new String[] {"0.04", "0.05"}) {
            List<RunResult> s2 = lambda.equals("0.04") ? r.stage2004() : r.stage2005();
            List<RunResult> s3 = lambda.equals("0.04") ? r.stage3004() : r.stage3005();
            double d2 = mean(s2, val) - orig;
            add(
                    target,
                    measured,
                    perSeed,
                    verdict,
                    "Stage II λ = "
                            + lambda
                            + " at most "
                            + STAGE2_BELOW_ORIGINAL_AT_MOST
                            + " pp below the original",
                    pp(d2) + " (" + pct(mean(s2, val)) + ")",
                    seedsAgainst(s2, r.original(), val),
                    verdict(d2 >= -STAGE2_BELOW_ORIGINAL_AT_MOST, d2));
            double d3 = mean(s3, val) - mean(s2, val);
            add(
                    target,
                    measured,
                    perSeed,
                    verdict,
                    "Stage III λ = "
                            + lambda
                            + " at most "
                            + STAGE3_BELOW_STAGE2_AT_MOST
                            + " pp below its Stage II",
                    pp(d3) + " (" + pct(mean(s3, val)) + ")",
                    seedsAgainst(s3, s2, val),
                    verdict(d3 >= -STAGE3_BELOW_STAGE2_AT_MOST, d3));
        }
        double glZeros = mean(r.gl(), sp);
        double glAcc = mean(r.gl(), val);
        add(
                target,
                measured,
                perSeed,
                verdict,
                "GL μ = 0.6: no group exactly zero; accuracy against the paper's "
                        + PaperValues.T1_GL.accuracy()
                        + " %",
                String.format(
                        "%.1f %% of groups exactly zero; %s (%s)",
                        glZeros, pct(glAcc), pp(glAcc - PaperValues.T1_GL.accuracy())),
                seeds(r.gl(), val),
                r.gl().isEmpty() ? "not run" : glZeros == 0 ? "met (accuracy reported)" : "missed");
        return Table.create(
                "The default profile's fidelity targets (validation accuracy; mean over seeds)",
                target,
                measured,
                perSeed,
                verdict);
    }

    private static void add(
            StringColumn target,
            StringColumn measured,
            StringColumn perSeed,
            StringColumn verdict,
            String t,
            String m,
            String s,
            String v) {
        target.append(t);
        measured.append(m);
        perSeed.append(s);
        verdict.append(v);
    }

    private static String verdict(boolean met, double value) {
        if (Double.isNaN(value)) {
            return "not run";
        }
        return met ? "met" : "missed";
    }

    private static double mean(List<RunResult> runs, ToDoubleFunction<RunResult> f) {
        return PaperClaims.mean(runs, f); // NaN when the run was not trained
    }

    private static String seeds(List<RunResult> runs, ToDoubleFunction<RunResult> f) {
        return seedsAgainst(runs, List.of(), f);
    }

    /**
     * Each seed's value with its difference from the same seed's reference run (the run it is held
     * against), when that seed has one.
     */
    private static String seedsAgainst(
            List<RunResult> runs, List<RunResult> reference, ToDoubleFunction<RunResult> f) {
        return runs.stream()
                .map(
                        x -> {
                            String s =
                                    String.format(
                                            "seed %d: %.2f", x.spec().seed(), f.applyAsDouble(x));
                            return reference.stream()
                                    .filter(y -> y.spec().seed() == x.spec().seed())
                                    .findFirst()
                                    .map(
                                            y ->
                                                    s
                                                            + " ("
                                                            + pp(
                                                                    f.applyAsDouble(x)
                                                                            - f.applyAsDouble(y))
                                                            + ")")
                                    .orElse(s);
                        })
                .collect(Collectors.joining(", "));
    }

    private static String pct(double v) {
        return String.format("%.2f %%", v);
    }

    private static String pp(double v) {
        return String.format("%+.2f pp", v);
    }
}
