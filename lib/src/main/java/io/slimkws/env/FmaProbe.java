package io.slimkws.env;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * This host's FP32 fused-multiply-add limit, measured rather than looked up: the yardstick every
 * throughput figure of the project is a share of.
 *
 * <p>The probe runs {@value #CHAINS} independent FMA chains {@code c_i ← c_i · m + a} on vectors of
 * the JIT's preferred width (the JDK's Vector API; 512 bits where the CPU has AVX-512). Twelve
 * chains cover the FMA latency of every current x86 core (4 cycles, two FMA ports: 8 in flight).
 * The chains start from distinct values read from memory and are all summed at the end, so the JIT
 * can neither fold them into one chain nor drop one.
 *
 * <p>It checks itself with a weakened copy: a single chain, which can only run at one FMA per
 * latency. That copy measures the clock, {@code f = rate₁ · latency / (2 · lanes)} with the 4-cycle
 * FMA latency of Skylake-X through Sapphire Rapids and of Zen 4 (Agner Fog's instruction tables),
 * and the full probe must then stay within two FMA ports' worth per core, {@code 2 ports · lanes ·
 * 2 FLOP} per cycle (64 for 512-bit vectors), and measure several times the single chain. A JIT
 * that merged the twelve chains would report 12 × 2 · lanes / 4 = 6 · lanes FLOP per cycle, above
 * that bound, and the check fails ({@link Limit#selfCheck()}).
 */
public final class FmaProbe {
    /** Independent accumulators of the probe. */
    public static final int CHAINS = 12;

    /** Cycles from an FMA's inputs to its result on the cores this project runs on. */
    public static final int FMA_LATENCY = 4;

    /** FMA ports per core (Intel since Skylake-X server parts, AMD Zen 4 for 256-bit halves). */
    public static final int FMA_PORTS = 2;

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final float[] START = new float[CHAINS * 64];

    static {
        for (int i = 0; i < START.length; i++) {
            START[i] = 1f + i * 1e-6f;
        }
    }

    private FmaProbe() {}

    /** Floats in the preferred vector (16 with AVX-512, 8 with AVX2). */
    public static int lanes() {
        return S.length();
    }

    /**
     * The measured limit.
     *
     * @param oneThread GFLOP/s of the full probe on one thread
     * @param allThreads GFLOP/s with one probe per core, run at once
     * @param singleChain GFLOP/s of the weakened copy (one chain) on one thread
     * @param clockGhz the clock the single chain implies: rate₁ · latency / (2 · lanes)
     * @param threads cores used for {@code allThreads}
     */
    public record Limit(
            double oneThread,
            double allThreads,
            double singleChain,
            double clockGhz,
            int threads,
            int lanes) {
        /**
         * The most the full probe may measure per core and cycle: two FMA ports of {@code lanes}
         * lanes.
         */
        public double boundPerCycle() {
            return FMA_PORTS * lanes * 2.0;
        }

        /** Null when the probe proves itself, else what failed. */
        public String selfCheck() {
            double perCycle = oneThread / clockGhz;
            if (perCycle > boundPerCycle() * 1.05) {
                return String.format(
                        "the probe measured %.1f FLOP per cycle on one core at %.2f GHz, above the"
                                + " %.0f two FMA ports can do: the JIT merged its chains",
                        perCycle, clockGhz, boundPerCycle());
            }
            if (oneThread < 3 * singleChain) {
                return String.format(
                        "%d chains measured %.1f GFLOP/s, under 3x one chain's %.1f: the chains do"
                                + " not overlap",
                        CHAINS, oneThread, singleChain);
            }
            return null;
        }

        /** Share of this host's limit (all cores) that {@code gflops} is. */
        public double share(double gflops) {
            return gflops / allThreads;
        }

        public String describe() {
            String check = selfCheck();
            return String.format(
                    "FP32 FMA limit: %.1f GFLOP/s on one thread, %.1f on %d (%d-lane vectors, %d"
                        + " chains; one chain %.1f GFLOP/s, so the clock is %.2f GHz and the probe"
                        + " does %.1f of at most %.0f FLOP per cycle): %s",
                    oneThread,
                    allThreads,
                    threads,
                    lanes,
                    CHAINS,
                    singleChain,
                    clockGhz,
                    oneThread / clockGhz,
                    boundPerCycle(),
                    check == null ? "self-check passed" : "SELF-CHECK FAILED, " + check);
        }
    }

    /**
     * Measures the limit: each figure the best of {@code rounds} runs of about {@code millis} ms.
     */
    public static Limit measure(int threads, int rounds, long millis) {
        warmUp();
        double one = 0;
        double single = 0;
        double all = 0;
        for (int r = 0; r < rounds; r++) {
            one = Math.max(one, rate(true, millis));
            single = Math.max(single, rate(false, millis));
            all = Math.max(all, parallel(threads, millis));
        }
        double clock = single * FMA_LATENCY / (2.0 * lanes());
        return new Limit(one, all, single, clock, threads, lanes());
    }

    /** The default: every core, three rounds of 200 ms. */
    public static Limit measure() {
        return measure(Runtime.getRuntime().availableProcessors(), 3, 200);
    }

    private static void warmUp() {
        // Until C2 has compiled both loops: the first calls run in the interpreter at 1-2 % of the
        // rate.
        for (int i = 0; i < 30; i++) {
            chains(20_000, START);
            oneChain(20_000, START);
        }
    }

    /**
     * GFLOP/s of the full probe (or of the one-chain copy) over about {@code millis} ms on this
     * thread.
     */
    static double rate(boolean full, long millis) {
        long iters = 1_000_000;
        while (true) {
            long t0 = System.nanoTime();
            float sink = full ? chains(iters, START) : oneChain(iters, START);
            long dt = System.nanoTime() - t0;
            if (sink == 42.4242f) {
                System.out.print(""); // consumes the result
            }
            if (dt > millis * 1_000_000L / 2 || iters > 1L << 40) {
                double flop = (double) iters * (full ? CHAINS : 1) * lanes() * 2;
                return flop / dt;
            }
            iters *= 4;
        }
    }

    private static double parallel(int threads, long millis) {
        ExecutorService ex = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Double>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(() -> rate(true, millis));
            }
            double sum = 0;
            for (Future<Double> f : ex.invokeAll(tasks)) {
                sum += f.get();
            }
            return sum;
        } catch (Exception e) {
            throw new IllegalStateException("FMA probe thread failed: " + e, e);
        } finally {
            ex.shutdownNow();
        }
    }

    /**
     * Twelve independent chains, written out: an array of vectors would live in memory, not
     * registers.
     */
    static float chains(long iters, float[] s) {
        int l = lanes();
        FloatVector m = FloatVector.broadcast(S, 0.999999f);
        FloatVector a = FloatVector.broadcast(S, 1e-7f);
        FloatVector c0 = FloatVector.fromArray(S, s, 0);
        FloatVector c1 = FloatVector.fromArray(S, s, l);
        FloatVector c2 = FloatVector.fromArray(S, s, 2 * l);
        FloatVector c3 = FloatVector.fromArray(S, s, 3 * l);
        FloatVector c4 = FloatVector.fromArray(S, s, 4 * l);
        FloatVector c5 = FloatVector.fromArray(S, s, 5 * l);
        FloatVector c6 = FloatVector.fromArray(S, s, 6 * l);
        FloatVector c7 = FloatVector.fromArray(S, s, 7 * l);
        FloatVector c8 = FloatVector.fromArray(S, s, 8 * l);
        FloatVector c9 = FloatVector.fromArray(S, s, 9 * l);
        FloatVector c10 = FloatVector.fromArray(S, s, 10 * l);
        FloatVector c11 = FloatVector.fromArray(S, s, 11 * l);
        for (long i = 0; i < iters; i++) {
            c0 = c0.fma(m, a);
            c1 = c1.fma(m, a);
            c2 = c2.fma(m, a);
            c3 = c3.fma(m, a);
            c4 = c4.fma(m, a);
            c5 = c5.fma(m, a);
            c6 = c6.fma(m, a);
            c7 = c7.fma(m, a);
            c8 = c8.fma(m, a);
            c9 = c9.fma(m, a);
            c10 = c10.fma(m, a);
            c11 = c11.fma(m, a);
        }
        return c0.add(c1)
                .add(c2)
                .add(c3)
                .add(c4)
                .add(c5)
                .add(c6)
                .add(c7)
                .add(c8)
                .add(c9)
                .add(c10)
                .add(c11)
                .reduceLanes(VectorOperators.ADD);
    }

    /** The weakened copy: one chain, one FMA per latency. */
    static float oneChain(long iters, float[] s) {
        FloatVector m = FloatVector.broadcast(S, 0.999999f);
        FloatVector a = FloatVector.broadcast(S, 1e-7f);
        FloatVector c0 = FloatVector.fromArray(S, s, 0);
        for (long i = 0; i < iters; i++) {
            c0 = c0.fma(m, a);
        }
        return c0.reduceLanes(VectorOperators.ADD);
    }

    /** Prints the limit and its self-check; exits 1 when the self-check fails. */
    public static void main(String[] args) {
        Limit l = measure();
        System.out.println(l.describe());
        if (l.selfCheck() != null) {
            System.exit(1);
        }
    }
}
