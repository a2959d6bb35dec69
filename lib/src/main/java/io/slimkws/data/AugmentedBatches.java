package io.slimkws.data;

import io.slimkws.audio.Mfcc;
import io.slimkws.audio.Wav;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Training batches with the recipe's augmentation, made ahead in a background thread so the trainer
 * never waits. Like the recipe, each batch draws its examples at random with replacement. Batch
 * {@code step} depends only on (seed, step), so a run resumed at step s sees exactly the batches
 * the uninterrupted run saw.
 */
public final class AugmentedBatches implements AutoCloseable {
    private final List<Clip> clips;
    private final NoiseBank noise;
    private final int batchSize;
    private final long seed;
    private final BlockingQueue<Object> queue;
    private final Thread worker;
    private volatile boolean closed;
    private long nextStep;

    public AugmentedBatches(
            List<Clip> clips,
            NoiseBank noise,
            int batchSize,
            long seed,
            long firstStep,
            int prefetch) {
        if (clips.isEmpty()) {
            throw new IllegalArgumentException("no training clips");
        }
        this.clips = List.copyOf(clips);
        this.noise = noise;
        this.batchSize = batchSize;
        this.seed = seed;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, prefetch));
        this.nextStep = firstStep;
        this.worker = new Thread(this::produce, "slimkws-augment");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** The features and labels of batch {@code step}, computed in the calling thread. */
    public static float[][] batchArrays(
            List<Clip> clips,
            NoiseBank noise,
            int batchSize,
            long seed,
            long step,
            Mfcc mfcc,
            Augmenter aug)
            throws IOException {
        Random rng = new Random(seed * 0x9E3779B97F4A7C15L + step);
        float[] x = new float[batchSize * FeatureSet.DIM];
        float[] y = new float[batchSize];
        float[] out = new float[Wav.CLIP_SAMPLES];
        for (int b = 0; b < batchSize; b++) {
            Clip c = clips.get(rng.nextInt(clips.size()));
            float[] clip = c.isGeneratedSilence() ? null : Wav.readClip(c.file());
            aug.apply(clip, c.isGeneratedSilence(), rng, out);
            mfcc.mfccInto(out, x, b * FeatureSet.DIM);
            y[b] = c.label();
        }
        return new float[][] {x, y};
    }

    private void produce() {
        Mfcc mfcc = new Mfcc();
        Augmenter aug = new Augmenter(noise);
        long step = nextStep;
        try {
            while (!closed) {
                float[][] a = batchArrays(clips, noise, batchSize, seed, step, mfcc, aug);
                int[] ys = new int[batchSize];
                for (int i = 0; i < batchSize; i++) {
                    ys[i] = (int) a[1][i];
                }
                DataSet d = FeatureSet.toDataSet(a[0], ys);
                while (!closed && !queue.offer(d, 100, TimeUnit.MILLISECONDS)) {
                    // wait for the trainer
                }
                step++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            queue.offer(t);
        }
    }

    /** The next batch, in step order. */
    public DataSet next() {
        try {
            Object o = queue.take();
            if (o instanceof Throwable t) {
                throw new IllegalStateException("augmentation thread failed: " + t.getMessage(), t);
            }
            nextStep++;
            return (DataSet) o;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        }
    }

    /** CPU seconds the augmentation thread has used (0 where the JVM cannot measure it). */
    public double cpuSeconds() {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long ns = mx.isThreadCpuTimeSupported() ? mx.getThreadCpuTime(worker.getId()) : -1;
        return ns < 0 ? 0 : ns / 1e9;
    }

    public long nextStep() {
        return nextStep;
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
    }
}
