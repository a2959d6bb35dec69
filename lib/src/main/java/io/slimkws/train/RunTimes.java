package io.slimkws.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slimkws.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where the wall time of a training run goes, phase by phase: the step's arithmetic against
 * everything around it (waiting for a batch, evaluation, log and checkpoint). The phases tile the
 * trainer's time: each {@link #charge} takes the time since the previous one, so they sum to the
 * wall time the trainer measured. A resumed session goes on from the clock written with the
 * checkpoint it resumes (the time a killed session spent after that checkpoint is redone, so it is
 * not counted twice). The augmentation thread runs beside the trainer on the same cores; its CPU
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
    private final int firstStep;
    private final int cores;
    private final long start;
    private long mark;
    private int step;
    private double augmentCpuBefore;
    private double augmentCpuSeconds;

    /** A clock that starts now, at step 0. */
    public RunTimes() {
        this(new long[Phase.values().length], 0, 0, 0);
    }

    /**
     * A clock that runs from now on, carrying {@code nanos} already spent: its start lies that far
     * back, so {@link #totalSeconds} goes on from their sum.
     */
    private RunTimes(long[] nanos, int firstStep, int step, double augmentCpuSeconds) {
        this(
                nanos,
                firstStep,
                step,
                augmentCpuSeconds,
                Runtime.getRuntime().availableProcessors(),
                Arrays.stream(nanos).sum(),
                System.nanoTime());
    }

    /**
     * A clock with every field given, whose last charge was at {@code mark} and which had run
     * {@code elapsed} nanoseconds by then (a file's: its wall time, from 0).
     */
    private RunTimes(
            long[] nanos,
            int firstStep,
            int step,
            double augmentCpuSeconds,
            int cores,
            long elapsed,
            long mark) {
        this.nanos = nanos;
        this.firstStep = firstStep;
        this.step = step;
        this.augmentCpuBefore = augmentCpuSeconds;
        this.augmentCpuSeconds = augmentCpuSeconds;
        this.cores = cores;
        this.start = mark - elapsed;
        this.mark = mark;
    }

    /**
     * The clock of a session that resumes at {@code step}: it goes on from the earlier sessions'
     * clock in {@code file} when that was written at the same step (it then covers the whole run),
     * else it starts now at {@code step} (a missing, stale or unreadable file: the steps before are
     * not on it). The clock only reports; it never stops a run from resuming.
     */
    static RunTimes resuming(Path file, int step) {
        if (step > 0 && Files.exists(file)) {
            RunTimes before;
            try {
                before = read(file);
            } catch (IOException e) {
                before = null;
            }
            if (before != null && before.step == step) {
                return new RunTimes(before.nanos, before.firstStep, step, before.augmentCpuSeconds);
            }
        }
        return new RunTimes(new long[Phase.values().length], step, step, 0);
    }

    /** Charges the time since the last charge (or since this clock began) to {@code p}. */
    void charge(Phase p) {
        long now = System.nanoTime();
        nanos[p.ordinal()] += now - mark;
        mark = now;
    }

    /** The step the run has reached (what the next {@link #write} records). */
    void step(int s) {
        step = s;
    }

    /** This session's augmentation thread so far (added to the earlier sessions'). */
    void augmentCpuSeconds(double s) {
        augmentCpuSeconds = augmentCpuBefore + s;
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

    /** The step this clock began at: 0, or where a session resumed without the earlier clock. */
    public int firstStep() {
        return firstStep;
    }

    /**
     * The step the run had reached when the clock was last written (-1 in a file written before
     * clocks recorded it).
     */
    public int step() {
        return step;
    }

    /** The cores the JVM had (the augmentation thread's share is of their time). */
    public int cores() {
        return cores;
    }

    /** Written at every evaluation, so a run stopped early still says where its time went. */
    void write(Path file) {
        ObjectNode o = JSON.createObjectNode();
        o.put("first_step", firstStep);
        o.put("step", step);
        o.put("cores", cores);
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
        long wall = Math.round(1e9 * n.path("wall_seconds").asDouble());
        return new RunTimes(
                nanos,
                n.path("first_step").asInt(0),
                n.path("step").asInt(-1),
                n.path("augmentation_thread_cpu_seconds").asDouble(),
                n.path("cores").asInt(Runtime.getRuntime().availableProcessors()),
                wall,
                wall);
    }
}
