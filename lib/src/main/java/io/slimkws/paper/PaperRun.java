package io.slimkws.paper;

import static io.slimkws.paper.RunDefinition.original;
import static io.slimkws.paper.RunDefinition.stage1;
import static io.slimkws.paper.RunDefinition.stage2;
import static io.slimkws.paper.RunDefinition.stage3;

import io.slimkws.prox.GroupLasso;
import io.slimkws.train.Algorithm;
import io.slimkws.train.Hyper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The paper's nine runs of Tables 1-3, as data: the original network; Stage I with GL (μ = 0.6),
 * RGSM (λ = 0.04 and 0.05, β = 1) and GSBC (λ = 0.04); Stage II float retraining of both RGSM
 * models with their channels masked; Stage III blended BinaryConnect (ρ = 1e-5) from Stage II.
 * Adding a run is one constant here (and its test); any registered penalty can take group Lasso's
 * place in a Stage-I run.
 */
public final class PaperRun {
    public static final RunDefinition ORIGINAL =
            original("original", "original", PaperValues.ORIGINAL);
    public static final RunDefinition GL =
            stage1("gl", "stage1-GL-mu0.6", Algorithm.GL, Hyper.gl(0.6), PaperValues.T1_GL);
    public static final RunDefinition RGSM_004 =
            stage1(
                    "rgsm0.04",
                    "stage1-RGSM-lambda0.04",
                    Algorithm.RGSM,
                    Hyper.rgsm(new GroupLasso(0.04), 1),
                    PaperValues.T1_RGSM_004);
    public static final RunDefinition RGSM_005 =
            stage1(
                    "rgsm0.05",
                    "stage1-RGSM-lambda0.05",
                    Algorithm.RGSM,
                    Hyper.rgsm(new GroupLasso(0.05), 1),
                    PaperValues.T1_RGSM_005);
    public static final RunDefinition GSBC_004 =
            stage1(
                    "gsbc",
                    "stage1-GSBC-lambda0.04",
                    Algorithm.GSBC,
                    Hyper.gsbc(new GroupLasso(0.04)),
                    PaperValues.T1_GSBC_004);
    public static final RunDefinition STAGE2_004 =
            stage2("stage2-0.04", "stage2-float-retrain-lambda0.04", RGSM_004, PaperValues.T2_004);
    public static final RunDefinition STAGE2_005 =
            stage2("stage2-0.05", "stage2-float-retrain-lambda0.05", RGSM_005, PaperValues.T2_005);
    public static final RunDefinition STAGE3_004 =
            stage3(
                    "stage3-0.04",
                    "stage3-binary-lambda0.04",
                    STAGE2_004,
                    PaperValues.RHO,
                    PaperValues.T3_004);
    public static final RunDefinition STAGE3_005 =
            stage3(
                    "stage3-0.05",
                    "stage3-binary-lambda0.05",
                    STAGE2_005,
                    PaperValues.RHO,
                    PaperValues.T3_005);

    /** Every run, in table order (each after the run it starts from). */
    public static final List<RunDefinition> ALL =
            List.of(
                    ORIGINAL,
                    GL,
                    RGSM_004,
                    RGSM_005,
                    GSBC_004,
                    STAGE2_004,
                    STAGE2_005,
                    STAGE3_004,
                    STAGE3_005);

    /** Names for a whole warm-start chain: its last run, with the runs it starts from. */
    public static final Map<String, RunDefinition> CHAINS =
            Map.of("chain0.04", STAGE3_004, "chain0.05", STAGE3_005);

    private PaperRun() {}

    /** The paper's run called {@code target}. */
    public static RunDefinition byTarget(String target) {
        return RunDefinition.byTarget(ALL, target);
    }

    /**
     * The runs named by {@code --seeds-for} (SLIMKWS_SEEDS_FOR), each with the runs it starts from:
     * a run's target (e.g. original, rgsm0.05, stage3-0.05) or a chain (chain0.04, chain0.05: its
     * Stages I-III). A run cannot repeat without the run it warm-starts from, so those come along.
     */
    public static Set<RunDefinition> withAncestors(List<String> names) {
        List<RunDefinition> named = new ArrayList<>();
        for (String n : names) {
            if (CHAINS.containsKey(n)) {
                named.add(CHAINS.get(n));
                continue;
            }
            try {
                named.add(byTarget(n));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "--seeds-for (SLIMKWS_SEEDS_FOR): unknown run '"
                                + n
                                + "'; expected runs or chains, comma-separated, from: "
                                + targets()
                                + ", chain0.04, chain0.05");
            }
        }
        return RunDefinition.withAncestors(named);
    }

    /** Every run's target name, in table order. */
    public static String targets() {
        return RunDefinition.targets(ALL);
    }
}
