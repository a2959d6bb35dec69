package io.slimkws.cli;

import io.slimkws.env.Settings;
import io.slimkws.paper.Calibration;
import io.slimkws.paper.Experiments;
import io.slimkws.paper.PaperRun;
import io.slimkws.paper.RunDefinition;
import io.slimkws.study.Beyond;
import io.slimkws.study.StudyRuns;
import io.slimkws.train.Stage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Trains the paper's runs from the shell (the notebooks call the same code and find them cached):
 *
 * <pre>
 * SLIMKWS_PROFILE=mini SLIMKWS_DATA=... environment/run-java io.slimkws.paper.TrainMain [--seed N] TARGET...
 * </pre>
 *
 * Targets: one run of {@link PaperRun} by its target name (original, gl, rgsm0.04, rgsm0.05, gsbc,
 * stage2-0.04, ..., stage3-0.05; a warm-started run trains the runs it starts from first), stage2
 * and stage3 (both λ), chain0.04 and chain0.05 (RGSM at that λ through Stages II and III), all (the
 * runs of Tables 1-3), calibration (the profile's calibration runs), and one run at compression k
 * instead of the profile's: RUN-kK (e.g. rgsm0.05-k10, stage3-0.05-k10; a warm-started run starts
 * from the profile's own run before it). Two processes may train at once only on disjoint targets
 * (e.g. one lane "original chain0.05 gsbc", the other "chain0.04 gl"): with OMP_NUM_THREADS=1 each,
 * two lanes trained 1.3x the samples/s of one process on two threads with an earlier step, and
 * 1.05-1.13x with the step of 2026-12-06 (docs/running.md). Without {@code --seed}, every seed of
 * SLIMKWS_SEEDS (default 1) trains (after the first, only the runs SLIMKWS_SEEDS_FOR names, if it
 * names any). {@code --shard I/N} trains the I-th of N disjoint slices of every run (whole
 * warm-start chains, {@link Shards}) for several machines sharing one runs/ folder; {@code --with
 * beyond} adds the study beyond the paper (to all, and to the slices: one unit per penalty family);
 * {@code --only beyond} trains the study and the paper's runs it reads ({@link Beyond#REFERENCES}),
 * alone or in slices.
 */
public final class TrainMain {
    /** Targets that are groups of runs; every {@link PaperRun} is a target by itself too. */
    private static final List<String> GROUPS =
            List.of("stage2", "stage3", "chain0.04", "chain0.05", "all", "calibration", "beyond");

    private static final String AT_K = "(.+)-k([0-9]+(?:\\.[0-9]+)?)";

    public static void main(String[] args) throws Exception {
        Settings s = Settings.fromEnvironment();
        try {
            train(s, args);
        } catch (IOException | RuntimeException e) {
            // A user-side fault (divergence, a file that cannot be read, bad data): one line, the
            // trace in a log.
            Path log = Errors.log(s.home().resolve("runs").resolve(s.profile().id()), "train", e);
            System.err.println("TrainMain: error: " + Errors.line(e) + " (details: " + log + ")");
            System.exit(1);
        }
    }

    private static void train(Settings s, String[] args) throws Exception {
        Long onlySeed = null;
        int[] shard = null;
        boolean withBeyond = false;
        boolean onlyBeyond = false;
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--shard")) {
                if (i + 1 >= args.length) {
                    System.err.println("TrainMain: --shard needs I/N (e.g. 2/4)");
                    System.exit(2);
                }
                try {
                    shard = Shards.parse(args[++i]);
                } catch (IllegalArgumentException e) {
                    System.err.println("TrainMain: " + e.getMessage());
                    System.exit(2);
                }
            } else if (args[i].equals("--with")) {
                if (i + 1 >= args.length || !args[i + 1].equals("beyond")) {
                    System.err.println("TrainMain: --with takes beyond (the study of notebook 10)");
                    System.exit(2);
                }
                withBeyond = true;
                i++;
            } else if (args[i].equals("--only")) {
                if (i + 1 >= args.length || !args[i + 1].equals("beyond")) {
                    System.err.println(
                            "TrainMain: --only takes beyond (the study of notebook 10 and the"
                                    + " paper's runs it reads)");
                    System.exit(2);
                }
                onlyBeyond = true;
                i++;
            } else if (args[i].equals("--seed")) {
                if (i + 1 >= args.length || !args[i + 1].matches("[1-9][0-9]*")) {
                    throw new IllegalArgumentException("--seed needs a whole number of at least 1");
                }
                onlySeed = Long.parseLong(args[++i]);
            } else {
                targets.add(args[i]);
            }
        }
        if (shard != null && !targets.isEmpty()) {
            System.err.println(
                    "TrainMain: --shard trains its slice of every run; it takes no targets (got "
                            + targets
                            + ")");
            System.exit(2);
        }
        if (onlyBeyond && (withBeyond || !targets.isEmpty())) {
            System.err.println(
                    "TrainMain: --only beyond trains the study and the paper's runs it reads; it"
                            + " takes no --with and no targets");
            System.exit(2);
        }
        if (targets.isEmpty() && shard == null) {
            if (onlyBeyond) {
                targets.add("references");
            } else {
                targets.add("all");
            }
            if (withBeyond || onlyBeyond) {
                targets.add("beyond");
            }
        }
        for (String t : targets) {
            // Before the corpus loads, so that a typo costs no time.
            if (!GROUPS.contains(t)
                    && !isRun(t)
                    && !(t.matches(AT_K) && isRun(t.replaceAll(AT_K, "$1")))) {
                System.err.println(
                        "TrainMain: unknown target '"
                                + t
                                + "'; expected a run ("
                                + RunDefinition.targets(RUNS)
                                + "), a group ("
                                + String.join(", ", GROUPS)
                                + "), or a run at compression k: a run followed by -kK (e.g."
                                + " rgsm0.05-k10)");
                System.exit(2);
            }
        }
        try {
            PaperRun.withAncestors(s.seedsFor());
        } catch (IllegalArgumentException ex) {
            System.err.println("TrainMain: " + ex.getMessage());
            System.exit(2);
        }
        // Lanes and shards share runs/: a run another one is training is waited for, then loaded.
        Experiments base = Experiments.load(s).waitingForOthers();
        List<Experiments> seeds =
                onlySeed == null ? base.perSeed() : List.of(base.withSeed(onlySeed));
        if (shard != null) {
            // One slice of units that never wait for each other; the others train elsewhere into
            // the same runs/ (each run locked).
            List<Shards.Unit> mine =
                    (onlyBeyond
                                    ? Shards.study(seeds, shard[1])
                                    : Shards.of(seeds, shard[1], withBeyond))
                            .get(shard[0] - 1);
            System.out.println(
                    "shard "
                            + shard[0]
                            + "/"
                            + shard[1]
                            + ": "
                            + mine.size()
                            + " unit(s): "
                            + String.join(", ", mine.stream().map(Shards.Unit::name).toList()));
            for (Shards.Unit u : mine) {
                u.training().train();
            }
            return;
        }
        for (Experiments e : seeds) {
            for (String t : targets) {
                // The study beyond the paper is a one-seed study (notebook 10 reads the first
                // seed).
                if ((!t.equals("beyond") && !t.equals("references")) || e == seeds.get(0)) {
                    train(e, t);
                }
            }
            e.results()
                    .forEach(
                            (k, r) ->
                                    System.out.println(
                                            String.format(
                                                    "%-32s val %6.2f %% test %6.2f %% sparsity"
                                                            + " %5.1f %% (%s)",
                                                    k,
                                                    r.valAcc(),
                                                    r.testAcc(),
                                                    r.sparsity(),
                                                    r.fromCache()
                                                            ? "cached"
                                                            : String.format(
                                                                    "%.0f s", r.seconds()))));
        }
    }

    /** Every run a target can name: the paper's, then the study's sweep. */
    static final List<RunDefinition> RUNS =
            Stream.concat(PaperRun.ALL.stream(), StudyRuns.SWEEP.stream()).toList();

    private static boolean isRun(String t) {
        return RUNS.stream().anyMatch(r -> r.target().equals(t));
    }

    private static void train(Experiments e, String t) throws IOException {
        Matcher m = Pattern.compile(AT_K).matcher(t);
        if (m.matches() && isRun(m.group(1))) {
            // One run at compression k instead of the profile's (a calibration run), e.g.
            // rgsm0.05-k10.
            RunDefinition r = RunDefinition.byTarget(RUNS, m.group(1));
            e.run(r, Calibration.of(e).atCompression(r, Double.parseDouble(m.group(2))));
            return;
        }
        if (PaperRun.CHAINS.containsKey(t)) {
            e.run(PaperRun.CHAINS.get(t));
            return;
        }
        switch (t) {
            case "stage2", "stage3" -> {
                Stage want = t.equals("stage2") ? Stage.II : Stage.III;
                for (RunDefinition r : PaperRun.ALL) {
                    if (r.stage() == want) {
                        e.run(r);
                    }
                }
            }
            case "all" -> {
                for (RunDefinition r : PaperRun.ALL) {
                    if (e.trains(r)) {
                        e.run(r);
                    }
                }
            }
            case "calibration" -> Calibration.of(e).train();
            // The paper's runs the study beyond the paper reads (with --only beyond).
            case "references" -> {
                for (RunDefinition r : Beyond.REFERENCES) {
                    e.run(r);
                }
            }
            // The study beyond the paper (notebook 10): its sweep, then each penalty's best through
            // Stages II and III.
            case "beyond" -> Beyond.train(e);
            default -> e.run(RunDefinition.byTarget(RUNS, t));
        }
    }

    private TrainMain() {}
}
