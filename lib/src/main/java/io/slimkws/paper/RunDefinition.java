package io.slimkws.paper;

import io.slimkws.train.Algorithm;
import io.slimkws.train.Hyper;
import io.slimkws.train.Stage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One training run as data, for the paper's runs and for the study beyond it alike: its target
 * name, the base of its folder's name, stage, algorithm, hyper-parameters (with the penalty), the
 * run it warm-starts from and, for the paper's runs, the row of Tables 1-3 it reproduces. {@link
 * Experiments} turns one into a {@link io.slimkws.train.RunSpec} under a profile and seed.
 *
 * <p>Built by named factories: {@link #original}, {@link #stage1}, and {@link #stage2} / {@link
 * #stage3}, which build the later stages from the run they start from.
 *
 * @param target the name {@code ./reproduce train} and {@code --seeds-for} know it by
 * @param runName the base of its run folder's name (the seed is appended for seeds other than 1)
 * @param warmFrom the run it starts from (null: a cold start)
 * @param paper the row of the paper's Table 1, 2 or 3 it reproduces (null for the study's runs)
 */
public record RunDefinition(
        String target,
        String runName,
        Stage stage,
        Algorithm algorithm,
        Hyper hyper,
        RunDefinition warmFrom,
        PaperValues.Row paper) {

    /** The dense network trained from scratch by plain SGD. */
    public static RunDefinition original(String target, String runName, PaperValues.Row paper) {
        return new RunDefinition(
                target, runName, Stage.ORIGINAL, Algorithm.PLAIN, Hyper.none(), null, paper);
    }

    /**
     * Stage I: channel pruning from scratch by GL, RGSM or GSBC with the given hyper-parameters.
     */
    public static RunDefinition stage1(
            String target,
            String runName,
            Algorithm algorithm,
            Hyper hyper,
            PaperValues.Row paper) {
        return new RunDefinition(target, runName, Stage.I, algorithm, hyper, null, paper);
    }

    /** Stage II: float retraining of a Stage-I network with its removed channels held at zero. */
    public static RunDefinition stage2(
            String target, String runName, RunDefinition from, PaperValues.Row paper) {
        requireStage(from, Stage.I, "Stage II");
        return new RunDefinition(
                target, runName, Stage.II, Algorithm.PLAIN, Hyper.none(), from, paper);
    }

    /** Stage III: blended BinaryConnect with blend ρ (3.16), warm-started from a Stage-II run. */
    public static RunDefinition stage3(
            String target, String runName, RunDefinition from, double rho, PaperValues.Row paper) {
        requireStage(from, Stage.II, "Stage III");
        return new RunDefinition(
                target, runName, Stage.III, Algorithm.BC, Hyper.bc(rho), from, paper);
    }

    private static void requireStage(RunDefinition from, Stage stage, String what) {
        if (from == null || from.stage() != stage) {
            throw new IllegalArgumentException(
                    what
                            + " starts from a Stage "
                            + stage
                            + " run, got "
                            + (from == null ? "none" : from.target() + " (" + from.stage() + ")"));
        }
    }

    /** The Stage-I run whose channel mask a Stage II or III run keeps; null for the others. */
    public RunDefinition prunedBy() {
        RunDefinition r = warmFrom;
        while (r != null && r.stage != Stage.I) {
            r = r.warmFrom;
        }
        return r;
    }

    /** This run and every run it starts from, the first to train first. */
    public List<RunDefinition> chain() {
        List<RunDefinition> out = new ArrayList<>();
        for (RunDefinition r = this; r != null; r = r.warmFrom) {
            out.add(0, r);
        }
        return out;
    }

    /** The run of {@code runs} called {@code target}, or an error listing the names that exist. */
    public static RunDefinition byTarget(Collection<RunDefinition> runs, String target) {
        for (RunDefinition r : runs) {
            if (r.target.equals(target)) {
                return r;
            }
        }
        throw new IllegalArgumentException(
                "unknown run '" + target + "'; expected one of " + targets(runs));
    }

    /** The given runs with every run they start from, in training order. */
    public static Set<RunDefinition> withAncestors(Collection<RunDefinition> runs) {
        Set<RunDefinition> out = new LinkedHashSet<>();
        runs.forEach(r -> out.addAll(r.chain()));
        return out;
    }

    /** The target names of {@code runs}, comma-separated. */
    public static String targets(Collection<RunDefinition> runs) {
        return String.join(", ", runs.stream().map(RunDefinition::target).toList());
    }
}
