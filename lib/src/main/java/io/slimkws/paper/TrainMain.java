package io.slimkws.paper;

import io.slimkws.report.*;
import io.slimkws.train.*;

import io.slimkws.env.Settings;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains the paper's runs from the shell (the notebooks call the same code and find them cached):
 * <pre>SLIMKWS_PROFILE=mini SLIMKWS_DATA=... environment/run-java io.slimkws.paper.TrainMain [--seed N] TARGET...</pre>
 * Targets: original, gl, rgsm0.04, rgsm0.05, gsbc, stage2, stage3, all (the runs of Tables 1-3),
 * chain0.04 and chain0.05 (RGSM at that λ through Stages II and III), calibration (the profile's
 * calibration runs), and one run at compression k instead of the profile's: TARGET-kK (e.g. rgsm0.05-k10,
 * stage3-0.05-k10; a warm-started run starts from the profile's own run before it). Two processes may train at once only on disjoint targets (e.g. one lane
 * "original chain0.05 gsbc", the other "chain0.04 gl"): with OMP_NUM_THREADS=1 each, two lanes
 * train 1.3x the samples/s of one process on two threads (environment/bench/levers).
 * Without {@code --seed}, every seed of SLIMKWS_SEEDS (default 1) trains.
 */
public final class TrainMain {
    private static final List<String> TARGETS = List.of("original", "gl", "rgsm0.04", "rgsm0.05", "gsbc", "stage2", "stage3",
            "chain0.04", "chain0.05", "all", "calibration");
    private static final List<String> SINGLE = List.of("original", "gl", "rgsm0.04", "rgsm0.05", "gsbc", "stage2-0.04", "stage2-0.05",
            "stage3-0.04", "stage3-0.05");
    private static final String AT_K = "(.+)-k([0-9]+(?:\\.[0-9]+)?)";

    public static void main(String[] args) throws Exception {
        Settings s = Settings.fromEnvironment();
        Long onlySeed = null;
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--seed")) {
                if (i + 1 >= args.length || !args[i + 1].matches("[1-9][0-9]*")) {
                    throw new IllegalArgumentException("--seed needs a whole number of at least 1");
                }
                onlySeed = Long.parseLong(args[++i]);
            } else {
                targets.add(args[i]);
            }
        }
        if (targets.isEmpty()) {
            targets.add("all");
        }
        for (String t : targets) {
            // Before the corpus loads, so that a typo costs no time.
            if (!TARGETS.contains(t) && !(t.matches(AT_K) && SINGLE.contains(t.replaceAll(AT_K, "$1")))) {
                System.err.println("TrainMain: unknown target '" + t + "'; expected one of " + String.join(", ", TARGETS)
                        + ", or one run at compression k: " + String.join(", ", SINGLE) + " followed by -kK (e.g. rgsm0.05-k10)");
                System.exit(2);
            }
        }
        Experiments base = Experiments.load(s);
        List<Experiments> seeds = onlySeed == null ? base.perSeed() : List.of(base.withSeed(onlySeed));
        for (Experiments e : seeds) {
            for (String t : targets) {
                train(e, t);
            }
            e.results().forEach((k, r) -> System.out.println(String.format("%-32s val %6.2f %% test %6.2f %% sparsity %5.1f %% (%s)", k,
                    r.valAcc(), r.testAcc(), r.sparsity(), r.fromCache() ? "cached" : String.format("%.0f s", r.seconds()))));
        }
    }

    private static void train(Experiments e, String t) throws java.io.IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(AT_K).matcher(t);
        if (m.matches()) {
            // One run at compression k instead of the profile's (a calibration run), e.g. rgsm0.05-k10.
            e.run(e.atCompression(single(e, m.group(1), t), Double.parseDouble(m.group(2))));
            return;
        }
        switch (t) {
            case "original" -> e.original();
            case "gl" -> e.glStage1();
            case "rgsm0.04" -> e.rgsmStage1(0.04);
            case "rgsm0.05" -> e.rgsmStage1(0.05);
            case "gsbc" -> e.gsbcStage1(0.04);
            case "stage2" -> {
                e.stage2(0.04);
                e.stage2(0.05);
            }
            case "stage3" -> {
                e.stage3(0.04);
                e.stage3(0.05);
            }
            case "chain0.04" -> e.stage3(0.04);
            case "chain0.05" -> e.stage3(0.05);
            case "all" -> {
                for (RunSpec r : e.paperRuns()) {
                    e.run(r);
                }
            }
            case "calibration" -> {
                // Cheapest first, so that the calibration table fills in early.
                List<RunSpec> specs = new ArrayList<>(e.calibrationSpecs());
                specs.sort(java.util.Comparator.comparingLong(r -> r.schedule().samples()));
                for (RunSpec r : specs) {
                    e.run(r);
                }
            }
            default -> throw new IllegalArgumentException("unknown target '" + t
                    + "'; expected original, gl, rgsm0.04, rgsm0.05, gsbc, stage2, stage3, chain0.04, chain0.05, all, calibration");
        }
    }

    private static RunSpec single(Experiments e, String base, String target) {
        return switch (base) {
            case "original" -> e.originalSpec();
            case "gl" -> e.glSpec();
            case "rgsm0.04" -> e.rgsmSpec(0.04);
            case "rgsm0.05" -> e.rgsmSpec(0.05);
            case "gsbc" -> e.gsbcSpec(0.04);
            case "stage2-0.04" -> e.stage2Spec(0.04);
            case "stage2-0.05" -> e.stage2Spec(0.05);
            case "stage3-0.04" -> e.stage3Spec(0.04);
            case "stage3-0.05" -> e.stage3Spec(0.05);
            default -> throw new IllegalArgumentException("unknown target '" + target + "'; a run at compression k is one of original, gl,"
                    + " rgsm0.04, rgsm0.05, gsbc, stage2-0.04, stage2-0.05, stage3-0.04, stage3-0.05 followed by -kK (e.g. rgsm0.05-k10)");
        };
    }

    private TrainMain() {
    }
}
