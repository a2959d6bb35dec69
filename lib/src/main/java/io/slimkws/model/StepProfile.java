package io.slimkws.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the time of a training step goes: wall milliseconds per named op, summed over the calls
 * made while it was attached. {@link KwsStep} reports into one when given it; the throughput
 * benchmark prints it beside PyTorch's profiler.
 */
public final class StepProfile {
    private final Map<String, Double> millis = new LinkedHashMap<>();
    private long mark = System.nanoTime();
    private int steps;

    /** Starts timing the next op. */
    public void start() {
        mark = System.nanoTime();
    }

    /** Charges the time since {@link #start} (or the last op) to {@code op}. */
    public void op(String op) {
        long now = System.nanoTime();
        millis.merge(op, (now - mark) / 1e6, Double::sum);
        mark = now;
    }

    public void endStep() {
        steps++;
    }

    /** Mean milliseconds per step of each op, in the order first seen. */
    public Map<String, Double> perStep() {
        Map<String, Double> m = new LinkedHashMap<>();
        millis.forEach((k, v) -> m.put(k, v / Math.max(1, steps)));
        return m;
    }

    static void op(StepProfile p, String op) {
        if (p != null) {
            p.op(op);
        }
    }
}
