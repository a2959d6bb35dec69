package io.slimkws.bench;

import io.slimkws.data.KwsData;
import io.slimkws.env.EnvironmentReport;
import io.slimkws.env.Settings;
import io.slimkws.model.KwsCnn;
import io.slimkws.paper.Experiments;
import io.slimkws.paper.PaperRun;
import io.slimkws.paper.RunDefinition;
import io.slimkws.train.RunSpec;
import io.slimkws.train.RunStore;
import io.slimkws.train.RunTimes;
import io.slimkws.train.Runner;
import io.slimkws.train.Schedule;
import io.slimkws.train.Trainer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Benchmark (not a test): a real Stage I run of the profile through {@code Trainer}, with its
 * augmentation thread, evaluations every {@code evalEvery} steps (step 0 too), the update rule's
 * prox and checkpoints as the profile runs them, beside the bare dense step's rate measured in the
 * same JVM. The run trains in a temporary folder (nothing of {@code runs/} is read or written) and
 * stops after the given number of steps, as if killed.
 *
 * <pre>
 * SLIMKWS_PROFILE=mini SLIMKWS_DATA=... environment/run-java io.slimkws.bench.RunThroughput [steps] [run]
 * </pre>
 *
 * run: original or rgsm0.04 (default: the paper's RGSM at λ = 0.04, which also evaluates at u).
 */
public final class RunThroughput {
    private RunThroughput() {}

    public static void main(String[] args) throws IOException {
        int steps;
        try {
            steps = args.length > 0 ? Integer.parseInt(args[0]) : 180;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "steps must be a whole number of training steps, got '" + args[0] + "'");
        }
        String which = args.length > 1 ? args[1] : "rgsm0.04";
        RunDefinition run =
                switch (which) {
                    case "original" -> PaperRun.ORIGINAL;
                    case "rgsm0.04" -> PaperRun.RGSM_004;
                    default ->
                            throw new IllegalArgumentException(
                                    "run must be original or rgsm0.04, got '" + which + "'");
                };
        Settings s = Settings.fromEnvironment();
        KwsData data = KwsData.load(s); // the feature cache of SLIMKWS_HOME, as a run uses it
        Experiments e = new Experiments(s, data, System.out);
        RunSpec spec = e.spec(run);
        if (steps < 1 || steps > spec.schedule().steps()) {
            throw new IllegalArgumentException(
                    "steps must be 1 to " + spec.schedule().steps() + ", got " + steps);
        }
        // The step before and after the run, each the best of two timings of 10 steps.
        double stepRate = Throughput.denseRate(10, 2);
        Path tmp = Files.createTempDirectory("slimkws-run-throughput");
        try {
            RunStore store = new RunStore(tmp.resolve("runs"), tmp);
            Runner runner = new Runner(store, data, quiet());
            long t0 = System.nanoTime();
            runner.run(spec, step -> step >= steps);
            double seconds = (System.nanoTime() - t0) / 1e9;
            int done =
                    ((steps + spec.schedule().evalEvery() - 1) / spec.schedule().evalEvery())
                            * spec.schedule().evalEvery();
            double rate = (double) done * spec.schedule().batchSize() / seconds;
            stepRate = Math.max(stepRate, Throughput.denseRate(10, 2));
            System.out.printf(
                    "real run (%s, profile %s, %d steps of %d through Trainer: augmentation,"
                            + " evaluation every %d steps and at step 0, prox, checkpoints):"
                            + " %.1f samples/s = %.0f %% of the dense step's %.1f samples/s"
                            + " (%s)%n",
                    spec.name(),
                    s.profile().id(),
                    done,
                    spec.schedule().batchSize(),
                    spec.schedule().evalEvery(),
                    rate,
                    100 * rate / stepRate,
                    stepRate,
                    EnvironmentReport.cpuModel());
            printSplit(
                    RunTimes.read(store.dir(spec).resolve(Trainer.TIMING)),
                    done,
                    spec.schedule(),
                    stepRate);
            System.out.println(
                    describeFloor(
                            spec.schedule(),
                            spec.schedule().trainEvalClips() + data.validation().size()));
            System.out.printf("RESULT run %.2f step %.2f%n", rate, stepRate);
        } finally {
            try (Stream<Path> w = Files.walk(tmp)) {
                w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The run's own clock (its timing.json): where its wall time went, phase by phase. */
    private static void printSplit(RunTimes times, int steps, Schedule sched, double stepRate) {
        int samples = steps * sched.batchSize();
        Map<RunTimes.Phase, Double> t = times.seconds();
        double wall = times.totalSeconds();
        StringBuilder sb = new StringBuilder("  the run's wall time, by its own clock: ");
        sb.append(String.format("%.1f s", wall));
        for (RunTimes.Phase p : RunTimes.Phase.values()) {
            double sec = t.get(p);
            sb.append(
                    String.format(
                            "%n    %-52s %7.1f s %5.1f %%", p.label(), sec, 100 * sec / wall));
        }
        double cpu = times.augmentCpuSeconds();
        sb.append(
                String.format(
                        "%n    %-52s %7.1f s %5.1f %% of the %d cores' time",
                        "augmentation thread (CPU, beside the above)",
                        cpu,
                        100 * cpu / (wall * Runtime.getRuntime().availableProcessors()),
                        Runtime.getRuntime().availableProcessors()));
        double eval = t.get(RunTimes.Phase.EVALUATION);
        double grad = t.get(RunTimes.Phase.GRADIENT);
        sb.append(
                String.format(
                        "%n  without its evaluations: %.1f samples/s = %.0f %% of the step;"
                                + " its forward and backward alone: %.1f samples/s = %.0f %%",
                        samples / (wall - eval),
                        100 * samples / (wall - eval) / stepRate,
                        samples / grad,
                        100 * samples / grad / stepRate));
        // The benchmark's few steps weigh the evaluations more than a whole run does: scale each
        // phase to the whole schedule (training phases by steps, evaluation by evaluations).
        int evalsHere = evaluations(sched, steps);
        int evalsFull = evaluations(sched, sched.steps());
        double fullSeconds = (wall - eval) * sched.steps() / steps + eval * evalsFull / evalsHere;
        double fullRate = (double) sched.steps() * sched.batchSize() / fullSeconds;
        sb.append(
                String.format(
                        "%n  a whole run of this schedule (%d steps, %d evaluations; here %d and"
                                + " %d), from these phases: %.1f samples/s = %.0f %% of the step,"
                                + " evaluation %.1f %% of it",
                        sched.steps(),
                        evalsFull,
                        steps,
                        evalsHere,
                        fullRate,
                        100 * fullRate / stepRate,
                        100 * eval * evalsFull / evalsHere / fullSeconds));
        System.out.println(sb);
    }

    /**
     * The share of a whole run the profile's evaluations take at the least: their clip forwards
     * against the run's training samples, in FLOPs of the dense network, run at the same efficiency
     * as the step. No faster code lowers it; only fewer or smaller evaluations do.
     */
    static double evaluationFloor(Schedule sched, int clipsPerEvaluation) {
        double evalFlops =
                (double) evaluations(sched, sched.steps())
                        * clipsPerEvaluation
                        * Throughput.forwardFlops(KwsCnn.CHANNELS);
        double trainFlops =
                (double) sched.steps()
                        * sched.batchSize()
                        * Throughput.trainingFlops(KwsCnn.CHANNELS);
        return evalFlops / (evalFlops + trainFlops);
    }

    private static String describeFloor(Schedule sched, int clipsPerEvaluation) {
        double share = evaluationFloor(sched, clipsPerEvaluation);
        return String.format(
                "  the profile's evaluations at the least: %d × %d clip forwards beside %d training"
                        + " samples, a forward %.3f of a sample's FLOPs (dense), so %.1f %% of a"
                        + " whole run at the step's efficiency: a run can reach at most %.1f %% of"
                        + " the step",
                evaluations(sched, sched.steps()),
                clipsPerEvaluation,
                sched.steps() * sched.batchSize(),
                Throughput.forwardFlops(KwsCnn.CHANNELS)
                        / Throughput.trainingFlops(KwsCnn.CHANNELS),
                100 * share,
                100 * (1 - share));
    }

    /** Evaluations of a run stopped after {@code steps}: step 0, every evalEvery, the last. */
    static int evaluations(Schedule sched, int steps) {
        int n = 1;
        for (int s = 1; s <= steps; s++) {
            if (s % sched.evalEvery() == 0 || s == sched.steps()) {
                n++;
            }
        }
        return n;
    }

    /** The run's progress lines are not this benchmark's output. */
    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
