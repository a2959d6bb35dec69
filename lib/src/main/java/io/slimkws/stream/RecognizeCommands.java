package io.slimkws.stream;

import io.slimkws.data.Labels;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Turns a stream of per-window posteriors into detections, as TensorFlow's speech_commands {@code
 * RecognizeCommands} does: the posteriors of the last {@code averageWindowMs} are averaged; once at
 * least {@code minimumCount} of them are in, a top label whose averaged score exceeds {@code
 * threshold} is a new command when it differs from the previous command and more than {@code
 * suppressionMs} have passed since it (the refractory period). The state starts at silence. Only
 * keywords are reported; silence and unknown still change the state, as in TensorFlow.
 */
public final class RecognizeCommands {
    /** A keyword found at {@code timeMs} (the end of the window that decided it). */
    public record Detection(String label, long timeMs, double score) {}

    private record Entry(long timeMs, float[] scores) {}

    private final long averageWindowMs;
    private final double threshold;
    private final long suppressionMs;
    private final int minimumCount;
    private final Deque<Entry> window = new ArrayDeque<>();
    private int previousLabel = Labels.SILENCE_INDEX;
    private long previousTimeMs = Long.MIN_VALUE / 2;
    private long lastTimeMs = Long.MIN_VALUE;

    public RecognizeCommands(
            long averageWindowMs, double threshold, long suppressionMs, int minimumCount) {
        if (averageWindowMs <= 0 || suppressionMs < 0 || minimumCount < 1) {
            throw new IllegalArgumentException(
                    "RecognizeCommands needs averageWindowMs > 0, suppressionMs >= 0 and"
                            + " minimumCount >= 1, got "
                            + averageWindowMs
                            + ", "
                            + suppressionMs
                            + ", "
                            + minimumCount);
        }
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException(
                    "the detection threshold is a probability in (0, 1], got " + threshold);
        }
        this.averageWindowMs = averageWindowMs;
        this.threshold = threshold;
        this.suppressionMs = suppressionMs;
        this.minimumCount = minimumCount;
    }

    /** The posteriors of the window ending at {@code timeMs}; a keyword when one is recognised. */
    public Optional<Detection> process(long timeMs, float[] scores) {
        if (scores.length != Labels.COUNT) {
            throw new IllegalArgumentException(
                    "expected " + Labels.COUNT + " scores, got " + scores.length);
        }
        if (timeMs <= lastTimeMs) {
            throw new IllegalArgumentException(
                    "times must increase: " + timeMs + " ms after " + lastTimeMs + " ms");
        }
        lastTimeMs = timeMs;
        window.addLast(new Entry(timeMs, scores.clone()));
        while (window.peekFirst().timeMs() < timeMs - averageWindowMs) {
            window.removeFirst();
        }
        if (window.size() < minimumCount) {
            return Optional.empty();
        }
        double[] mean = new double[Labels.COUNT];
        for (Entry e : window) {
            for (int k = 0; k < mean.length; k++) {
                mean[k] += e.scores()[k] / window.size();
            }
        }
        int top = 0;
        for (int k = 1; k < mean.length; k++) {
            if (mean[k] > mean[top]) {
                top = k;
            }
        }
        if (top != previousLabel
                && timeMs - previousTimeMs > suppressionMs
                && mean[top] > threshold) {
            previousLabel = top;
            previousTimeMs = timeMs;
            if (top != Labels.SILENCE_INDEX && top != Labels.UNKNOWN_INDEX) {
                return Optional.of(new Detection(Labels.name(top), timeMs, mean[top]));
            }
        }
        return Optional.empty();
    }
}
