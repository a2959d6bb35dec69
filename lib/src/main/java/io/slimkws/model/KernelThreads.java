package io.slimkws.model;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The threads of the library's own kernels ({@link Conv1Block}, {@link Dropout}): as many as ND4J
 * uses for its ops (OMP_NUM_THREADS where set, else the cores), so that a training lane started
 * with OMP_NUM_THREADS=1 stays on one core in every part of the step, not only in oneDNN's.
 */
final class KernelThreads {
    private static volatile ForkJoinPool pool;

    private KernelThreads() {}

    static int count() {
        return Math.max(
                1,
                Math.min(
                        Nd4j.getEnvironment().maxThreads(),
                        Runtime.getRuntime().availableProcessors()));
    }

    /**
     * body(0 .. n - 1), spread over {@link #count()} threads; in this thread alone when that is
     * one.
     */
    static void each(int n, IntConsumer body) {
        int t = count();
        if (t == 1 || n == 1) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        if (t >= ForkJoinPool.getCommonPoolParallelism() + 1) {
            // Every core: the common pool, whose workers the calling thread joins instead of
            // waiting for them.
            IntStream.range(0, n).parallel().forEach(body);
            return;
        }
        ForkJoinPool p = pool;
        if (p == null || p.getParallelism() != t) {
            synchronized (KernelThreads.class) {
                if (pool == null || pool.getParallelism() != t) {
                    pool = new ForkJoinPool(t);
                }
                p = pool;
            }
        }
        try {
            p.submit(() -> IntStream.range(0, n).parallel().forEach(body)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted in a training kernel", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }
}
