package io.slimkws.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Where the training time of a profile's runs went, by each run's own clock ({@link RunTimes}, the
 * {@link Trainer#TIMING} file in its folder): the wall time, the rate in training samples a second,
 * and each phase's share, with a last row for all the runs together. The forward and backward is
 * the step's arithmetic; the rest is what the run spends around it (evaluation, the update with the
 * rule's prox, waiting for a batch, log and checkpoints). The CPU seconds of the thread that makes
 * the batches (reading, augmenting, MFCC) are shown as a share of the cores' time, since they run
 * beside the phases, not within them.
 */
public final class TrainingTimes {
    static final String NO_CLOCK = "no clock";
    static final String NOT_RECORDED = "not recorded";
    static final String UNREADABLE = "unreadable clock";

    /** The figure columns, in order. */
    private static final String[] FIGURES = {
        "wall (min)",
        "samples/s",
        "forward and backward (%)",
        "evaluation (%)",
        "update, prox (%)",
        "batch wait (%)",
        "log, checkpoint (%)",
        "augmentation thread (% of cores)"
    };

    private TrainingTimes() {}

    /** One row per run of {@code specs} (in order) from {@code store}, then all of them. */
    public static Table of(RunStore store, List<RunSpec> specs) {
        StringColumn run = StringColumn.create("run");
        StringColumn steps = StringColumn.create("steps on its clock");
        DoubleColumn[] figures =
                Arrays.stream(FIGURES).map(DoubleColumn::create).toArray(DoubleColumn[]::new);
        double[] phaseSum = new double[RunTimes.Phase.values().length];
        double wallSum = 0;
        double samplesSum = 0;
        double coreSecondsSum = 0;
        double augmentSum = 0;
        for (RunSpec spec : specs) {
            Path f = store.dir(spec).resolve(Trainer.TIMING);
            run.append(spec.name());
            if (!Files.exists(f)) {
                steps.append(NO_CLOCK);
                append(figures, null);
                continue;
            }
            RunTimes t;
            try {
                t = RunTimes.read(f);
            } catch (IOException e) {
                // One damaged file marks its own row; the other runs' times still show.
                steps.append(UNREADABLE + " (" + f + ": " + firstLine(e.getMessage()) + ")");
                append(figures, null);
                continue;
            }
            // A clock written before clocks recorded their steps: its shares hold, its rate is
            // unknown.
            double samples =
                    t.step() < 0
                            ? Double.NaN
                            : (double) (t.step() - t.firstStep()) * spec.schedule().batchSize();
            steps.append(
                    t.step() < 0
                            ? NOT_RECORDED
                            : t.firstStep() + "-" + t.step() + " of " + spec.schedule().steps());
            double[] phases = phases(t);
            append(
                    figures,
                    row(phases, t.totalSeconds(), samples, t.augmentCpuSeconds(), t.cores()));
            for (int i = 0; i < phaseSum.length; i++) {
                phaseSum[i] += phases[i];
            }
            wallSum += t.totalSeconds();
            samplesSum += samples;
            coreSecondsSum += t.totalSeconds() * t.cores();
            augmentSum += t.augmentCpuSeconds();
        }
        run.append("all runs with a clock");
        steps.append("");
        append(figures, row(phaseSum, wallSum, samplesSum, augmentSum, coreSecondsSum / wallSum));
        Table table = Table.create("Where each run's training time went, by its own clock");
        table.addColumns(run, steps);
        table.addColumns((Column<?>[]) figures);
        return table;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** The figures of {@link #FIGURES} for one clock, or null where there is none to read. */
    private static double[] row(
            double[] phases, double wall, double samples, double augmentCpu, double cores) {
        if (!(wall > 0)) {
            return null;
        }
        return new double[] {
            wall / 60,
            samples / wall,
            100 * phases[RunTimes.Phase.GRADIENT.ordinal()] / wall,
            100 * phases[RunTimes.Phase.EVALUATION.ordinal()] / wall,
            100 * phases[RunTimes.Phase.UPDATE.ordinal()] / wall,
            100 * phases[RunTimes.Phase.BATCH_WAIT.ordinal()] / wall,
            100 * phases[RunTimes.Phase.BOOKKEEPING.ordinal()] / wall,
            100 * augmentCpu / (wall * cores)
        };
    }

    private static void append(DoubleColumn[] figures, double[] row) {
        for (int i = 0; i < figures.length; i++) {
            if (row == null) {
                figures[i].appendMissing();
            } else {
                figures[i].append(row[i]);
            }
        }
    }

    private static double[] phases(RunTimes t) {
        double[] s = new double[RunTimes.Phase.values().length];
        t.seconds().forEach((p, sec) -> s[p.ordinal()] = sec);
        return s;
    }
}
