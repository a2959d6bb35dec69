package io.slimkws.paper;

import io.slimkws.prox.GroupLasso;
import io.slimkws.train.Algorithm;
import io.slimkws.train.Hyper;
import io.slimkws.train.Stage;

/**
 * The paper's nine runs of Tables 1-3, as data: each with its stage, algorithm, the paper's β, μ, ρ
 * and penalty with its λ, the run it warm-starts from and the row of the paper's table it
 * reproduces. {@link Experiments} turns one into a run specification under a profile; {@code
 * TrainMain}, {@code ./reproduce plan} and the notebooks iterate over these. Adding a run is one
 * constant here (and its test).
 */
public enum PaperRun {
    ORIGINAL(
            "original",
            "original",
            Stage.ORIGINAL,
            Algorithm.PLAIN,
            Hyper.none(),
            null,
            PaperValues.ORIGINAL),
    GL("gl", "stage1-GL-mu0.6", Stage.I, Algorithm.GL, Hyper.gl(0.6), null, PaperValues.T1_GL),
    RGSM_004(
            "rgsm0.04",
            "stage1-RGSM-lambda0.04",
            Stage.I,
            Algorithm.RGSM,
            Hyper.rgsm(new GroupLasso(0.04), 1),
            null,
            PaperValues.T1_RGSM_004),
    RGSM_005(
            "rgsm0.05",
            "stage1-RGSM-lambda0.05",
            Stage.I,
            Algorithm.RGSM,
            Hyper.rgsm(new GroupLasso(0.05), 1),
            null,
            PaperValues.T1_RGSM_005),
    GSBC_004(
            "gsbc",
            "stage1-GSBC-lambda0.04",
            Stage.I,
            Algorithm.GSBC,
            Hyper.gsbc(new GroupLasso(0.04)),
            null,
            PaperValues.T1_GSBC_004),
    STAGE2_004(
            "stage2-0.04",
            "stage2-float-retrain-lambda0.04",
            Stage.II,
            Algorithm.PLAIN,
            Hyper.none(),
            RGSM_004,
            PaperValues.T2_004),
    STAGE2_005(
            "stage2-0.05",
            "stage2-float-retrain-lambda0.05",
            Stage.II,
            Algorithm.PLAIN,
            Hyper.none(),
            RGSM_005,
            PaperValues.T2_005),
    STAGE3_004(
            "stage3-0.04",
            "stage3-binary-lambda0.04",
            Stage.III,
            Algorithm.BC,
            Hyper.bc(PaperValues.RHO),
            STAGE2_004,
            PaperValues.T3_004),
    STAGE3_005(
            "stage3-0.05",
            "stage3-binary-lambda0.05",
            Stage.III,
            Algorithm.BC,
            Hyper.bc(PaperValues.RHO),
            STAGE2_005,
            PaperValues.T3_005);

    /** The name {@code TrainMain} knows it by. */
    public final String target;

    /** The base of its run folder's name (the seed is appended for seeds other than 1). */
    public final String runName;

    public final Stage stage;
    public final Algorithm algorithm;

    /**
     * The paper's hyper-parameters, with the penalty of RGSM/GSBC (group Lasso in the paper; any
     * registered {@link io.slimkws.prox.Penalty} can take its place). A profile may scale λ, and
     * compresses ρ with the schedule.
     */
    public final Hyper hyper;

    /** The run it starts from (null: a cold start). */
    public final PaperRun warmFrom;

    /** The row of the paper's Table 1, 2 or 3 it reproduces. */
    public final PaperValues.Row paper;

    PaperRun(
            String target,
            String runName,
            Stage stage,
            Algorithm algorithm,
            Hyper hyper,
            PaperRun warmFrom,
            PaperValues.Row paper) {
        this.target = target;
        this.runName = runName;
        this.stage = stage;
        this.algorithm = algorithm;
        this.hyper = hyper;
        this.warmFrom = warmFrom;
        this.paper = paper;
    }

    /** The Stage-I run whose channel mask a Stage II or III run keeps; null for the others. */
    public PaperRun prunedBy() {
        PaperRun r = warmFrom;
        while (r != null && r.stage != Stage.I) {
            r = r.warmFrom;
        }
        return r;
    }

    /** The run {@code TrainMain} calls {@code target}. */
    public static PaperRun byTarget(String target) {
        for (PaperRun r : values()) {
            if (r.target.equals(target)) {
                return r;
            }
        }
        throw new IllegalArgumentException(
                "unknown run '" + target + "'; expected one of " + targets());
    }

    /**
     * The runs named by {@code --seeds-for} (SLIMKWS_SEEDS_FOR), each with the runs it starts from:
     * a run's target (e.g. original, rgsm0.05, stage3-0.05) or a chain (chain0.04, chain0.05: its
     * Stages I-III). A chain cannot repeat without the run it warm-starts from, so those come
     * along.
     */
    public static java.util.Set<PaperRun> withAncestors(java.util.List<String> names) {
        java.util.Set<PaperRun> out = java.util.EnumSet.noneOf(PaperRun.class);
        for (String n : names) {
            PaperRun r =
                    switch (n) {
                        case "chain0.04" -> STAGE3_004;
                        case "chain0.05" -> STAGE3_005;
                        default ->
                                java.util.Arrays.stream(values())
                                        .filter(x -> x.target.equals(n))
                                        .findFirst()
                                        .orElseThrow(
                                                () ->
                                                        new IllegalArgumentException(
                                                                "--seeds-for (SLIMKWS_SEEDS_FOR):"
                                                                        + " unknown run '"
                                                                        + n
                                                                        + "'; expected runs or"
                                                                        + " chains,"
                                                                        + " comma-separated, from: "
                                                                        + targets()
                                                                        + ", chain0.04,"
                                                                        + " chain0.05"));
                    };
            for (; r != null; r = r.warmFrom) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * ./reproduce's check of {@code --seeds-for} before any notebook runs, so that the names are
     * known in one place (this enum) and not copied into the script: exit status 2 and a message
     * naming the unknown run and the valid ones, status 0 when every name is a run or a chain.
     */
    public static void main(String[] args) {
        try {
            withAncestors(io.slimkws.env.Settings.names(String.join(",", args)));
        } catch (IllegalArgumentException e) {
            System.err.println("reproduce: error: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Every run's target name, in table order. */
    public static String targets() {
        return String.join(", ", java.util.Arrays.stream(values()).map(r -> r.target).toList());
    }
}
