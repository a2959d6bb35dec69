package io.slimkws.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slimkws.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where the wall time of a training session goes, phase by phase: the step's arithmetic against
 * everything around it (waiting for a batch, evaluation, log and checkpoint). The phases tile the
 * session: each {@link #charge} takes the time since the previous one, so they sum to the wall time
 * the trainer measured. The augmentation thread runs beside the trainer on the same cores; its CPU
 * seconds are kept apart, since they are not wall time of the trainer's thread.
 */
public final class RunTimes {
    /** The phases of {@link Trainer#train}, in loop order. */
    public enum Phase {
        BATCH_WAIT("waiting for a batch"),
        GRADIENT("forward and backward (the step's ∇ℓ)"),
        UPDATE("update: mask, cap, rule's term, optimiser, prox"),
        EVALUATION("evaluation"),
        BOOKKEEPING("log, checkpoint, progress");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        String key() {
            return name().toLowerCase();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final long[] nanos;
    private final long start;
    private long mark;
    private double augmentCpuSeconds;

    /** A clock that starts now. */
    public RunTimes() {
        this(new long[Phase.values().length], System.nanoTime(), 0);
        mark = start;
    }

    private RunTimes(long[] nanos, long start, double augmentCpuSeconds) {
        this.nanos = nanos;
        this.start = start;
        this.augmentCpuSeconds = augmentCpuSeconds;
    }

    /** Charges the time since the last charge (or since this clock began) to {@code p}. */
    void charge(Phase p) {
        long now = System.nanoTime();
        nanos[p.ordinal()] += now - mark;
        mark = now;
    }

    void augmentCpuSeconds(double s) {
        augmentCpuSeconds = s;
    }

    /** Seconds per phase, in loop order. */
    public Map<Phase, Double> seconds() {
        Map<Phase, Double> m = new EnumMap<>(Phase.class);
        for (Phase p : Phase.values()) {
            m.put(p, nanos[p.ordinal()] / 1e9);
        }
        return m;
    }

    /** The wall seconds the phases tile (up to the last charge). */
    public double totalSeconds() {
        return (mark - start) / 1e9;
    }

    /** CPU seconds of the augmentation thread (they compete with the step for the cores). */
    public double augmentCpuSeconds() {
        return augmentCpuSeconds;
    }

    /** Written at every evaluation, so a run stopped early still says where its time went. */
    void write(Path file) {
        ObjectNode o = JSON.createObjectNode();
        o.put("wall_seconds", totalSeconds());
        ObjectNode ph = o.putObject("phases_seconds");
        seconds().forEach((p, s) -> ph.put(p.key(), s));
        o.put("augmentation_thread_cpu_seconds", augmentCpuSeconds);
        AtomicFiles.write(file, o.toPrettyString());
    }

    /** The clock a file of {@link #write} recorded. */
    public static RunTimes read(Path file) throws IOException {
        JsonNode n = JSON.readTree(file.toFile());
        long[] nanos = new long[Phase.values().length];
        for (Phase p : Phase.values()) {
            nanos[p.ordinal()] =
                    Math.round(1e9 * n.path("phases_seconds").path(p.key()).asDouble());
        }
        RunTimes t = new RunTimes(nanos, 0, n.path("augmentation_thread_cpu_seconds").asDouble());
        t.mark = Math.round(1e9 * n.path("wall_seconds").asDouble());
        return t;
    }
}
