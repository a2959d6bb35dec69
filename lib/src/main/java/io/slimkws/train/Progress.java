package io.slimkws.train;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A text progress bar with an ETA, one line per evaluation: readable both in a notebook's output
 * and on the console of ./reproduce (no carriage returns to fight with).
 */
public final class Progress {
    private final String label;
    private final int total;
    private final PrintStream out;
    private final long started = System.nanoTime();
    private final int firstStep;

    public Progress(String label, int firstStep, int total, PrintStream out) {
        this.label = label;
        this.total = total;
        this.out = out;
        this.firstStep = firstStep;
    }

    public void report(int step, String metrics) {
        double elapsed = (System.nanoTime() - started) / 1e9;
        double perStep = step > firstStep ? elapsed / (step - firstStep) : 0;
        double eta = perStep * (total - step);
        int width = 24;
        int filled = (int) Math.round(width * (double) step / total);
        String bar = "#".repeat(filled) + "-".repeat(width - filled);
        out.println(String.format("%s [%s] %d/%d %3.0f%% | %s | %s elapsed, ETA %s", label, bar, step, total,
                100.0 * step / total, metrics, fmt(elapsed), fmt(eta)));
        out.flush();
    }

    public static String fmt(double seconds) {
        Duration d = Duration.ofSeconds(Math.round(seconds));
        return d.toHours() > 0 ? String.format("%dh%02dm", d.toHours(), d.toMinutesPart())
                : String.format("%dm%02ds", d.toMinutesPart(), d.toSecondsPart());
    }
}
