package io.slimkws.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * A text progress bar with an ETA. Every evaluation's line goes to the run folder's progress.log;
 * the console and the notebook get a few of them: the first, one at each quarter of the run, one at
 * least every {@link #HEARTBEAT_SECONDS} on long runs, and the last, so that an executed notebook
 * is not buried under training lines. No carriage returns to fight with.
 */
public final class Progress {
    /** Longest silence on the console during a run. */
    public static final double HEARTBEAT_SECONDS = 600;

    private final String label;
    private final int total;
    private final PrintStream out;
    private final Path fullLog;
    private final long started = System.nanoTime();
    private final int firstStep;
    private int lastQuarter = -1;
    private double lastShown = Double.NEGATIVE_INFINITY;

    /** {@code fullLog}: where every line goes (null: nowhere else). */
    public Progress(String label, int firstStep, int total, PrintStream out, Path fullLog) {
        this.label = label;
        this.total = total;
        this.out = out;
        this.fullLog = fullLog;
        this.firstStep = firstStep;
    }

    public Progress(String label, int firstStep, int total, PrintStream out) {
        this(label, firstStep, total, out, null);
    }

    public void report(int step, String metrics) {
        double elapsed = (System.nanoTime() - started) / 1e9;
        String line = line(step, metrics, elapsed);
        if (fullLog != null) {
            try {
                Files.writeString(
                        fullLog,
                        line + "\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                out.println(
                        label
                                + ": cannot append to "
                                + fullLog
                                + " ("
                                + e.getMessage()
                                + "); progress shown here only");
            }
        }
        if (shown(step, elapsed)) {
            out.println(line);
            out.flush();
        }
    }

    /** Whether this report reaches the console: first, last, a new quarter, or the heartbeat. */
    boolean shown(int step, double elapsed) {
        int quarter = (int) Math.floor(4.0 * step / total);
        boolean show =
                lastQuarter < 0
                        || step >= total
                        || quarter > lastQuarter
                        || elapsed - lastShown >= HEARTBEAT_SECONDS;
        if (show) {
            lastQuarter = quarter;
            lastShown = elapsed;
        }
        return show;
    }

    private String line(int step, String metrics, double elapsed) {
        double perStep = step > firstStep ? elapsed / (step - firstStep) : 0;
        double eta = perStep * (total - step);
        int width = 24;
        int filled = (int) Math.round(width * (double) step / total);
        String bar = "#".repeat(filled) + "-".repeat(width - filled);
        return String.format(
                "%s [%s] %d/%d %3.0f%% | %s | %s elapsed, ETA %s",
                label, bar, step, total, 100.0 * step / total, metrics, fmt(elapsed), fmt(eta));
    }

    public static String fmt(double seconds) {
        Duration d = Duration.ofSeconds(Math.round(seconds));
        return d.toHours() > 0
                ? String.format("%dh%02dm", d.toHours(), d.toMinutesPart())
                : String.format("%dm%02ds", d.toMinutesPart(), d.toSecondsPart());
    }
}
