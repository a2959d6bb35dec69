package io.slimkws.data;

import io.slimkws.audio.Mfcc;
import io.slimkws.audio.Wav;
import io.slimkws.files.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Clean (unaugmented) features, computed once and kept on disk. The cache key covers the MFCC
 * parameters and, for every clip, its path, size, modification time, label and split (and the noise
 * files, for generated silence): change any of them and the features are rebuilt.
 */
public final class FeatureCache {
    /** Bump when the feature computation changes in a way the parameters below do not show. */
    static final String VERSION = "mfcc-tf-v1";

    private static final int MAGIC = 0x534b5746; // "SKWF"

    private final Path dir;
    private final int threads;

    public FeatureCache(Path dir) {
        this(dir, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public FeatureCache(Path dir, int threads) {
        this.dir = dir;
        this.threads = threads;
    }

    /**
     * Features of {@code clips}; generated silence is drawn deterministically from {@code noise}.
     */
    public FeatureSet features(List<Clip> clips, NoiseBank noise) throws IOException {
        String key = key(clips, noise);
        Path file = dir.resolve("features-" + key + ".bin");
        if (Files.isRegularFile(file)) {
            FeatureSet cached = read(file, clips.size());
            if (cached != null) {
                return cached;
            }
        }
        FeatureSet fresh = compute(clips, noise, key, threads);
        write(file, fresh);
        return fresh;
    }

    /** Computes without caching (parallel over {@code threads}). */
    public static FeatureSet compute(List<Clip> clips, NoiseBank noise, String seedKey, int threads)
            throws IOException {
        int n = clips.size();
        float[] x = new float[n * FeatureSet.DIM];
        int[] y = new int[n];
        long silenceSeed = seedKey.hashCode();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            int chunk = (n + threads - 1) / Math.max(1, threads);
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = t * chunk;
                int to = Math.min(n, from + chunk);
                jobs.add(
                        pool.submit(
                                () -> {
                                    Mfcc mfcc = new Mfcc();
                                    Augmenter aug = noise == null ? null : new Augmenter(noise);
                                    float[] clip = new float[Wav.CLIP_SAMPLES];
                                    for (int i = from; i < to; i++) {
                                        Clip c = clips.get(i);
                                        y[i] = c.label();
                                        if (c.isGeneratedSilence()) {
                                            if (aug == null || noise.isEmpty()) {
                                                throw new IllegalStateException(
                                                        "generated silence needs _background_noise_"
                                                                + " recordings");
                                            }
                                            aug.silence(silenceSeed * 1_000_003L + i, clip);
                                        } else {
                                            try {
                                                clip = Wav.readClip(c.file());
                                            } catch (IOException e) {
                                                throw new UncheckedIOException(e);
                                            }
                                        }
                                        mfcc.mfccInto(clip, x, i * FeatureSet.DIM);
                                    }
                                    return null;
                                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw new IllegalStateException("feature computation failed: " + c.getMessage(), c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while computing features", e);
        } finally {
            pool.shutdownNow();
        }
        return new FeatureSet(x, y);
    }

    static String key(List<Clip> clips, NoiseBank noise) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            update(
                    md,
                    VERSION
                            + "|"
                            + Mfcc.WINDOW
                            + "|"
                            + Mfcc.STRIDE
                            + "|"
                            + Mfcc.FFT
                            + "|"
                            + Mfcc.CHANNELS
                            + "|"
                            + Mfcc.COEFFS
                            + "|"
                            + Mfcc.LOWER_HZ
                            + "|"
                            + Mfcc.UPPER_HZ
                            + "|"
                            + Mfcc.FLOOR
                            + "|"
                            + Wav.CLIP_SAMPLES);
            boolean anySilence = false;
            for (Clip c : clips) {
                if (c.isGeneratedSilence()) {
                    anySilence = true;
                    update(md, "silence|" + c.split());
                } else {
                    update(
                            md,
                            c.file().toString()
                                    + "|"
                                    + Files.size(c.file())
                                    + "|"
                                    + Files.getLastModifiedTime(c.file()).toMillis()
                                    + "|"
                                    + c.label()
                                    + "|"
                                    + c.split());
                }
            }
            if (anySilence && noise != null) {
                for (Path f : noise.files()) {
                    update(
                            md,
                            "noise|"
                                    + f
                                    + "|"
                                    + Files.size(f)
                                    + "|"
                                    + Files.getLastModifiedTime(f).toMillis());
                }
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest md, String s) {
        md.update(s.getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
    }

    private static FeatureSet read(Path file, int expected) {
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            if (in.readInt() != MAGIC) {
                return null;
            }
            int n = in.readInt();
            int dim = in.readInt();
            if (n != expected || dim != FeatureSet.DIM) {
                return null;
            }
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = in.readInt();
            }
            byte[] bytes = in.readNBytes(n * dim * 4);
            if (bytes.length != n * dim * 4) {
                return null; // truncated: rebuild
            }
            float[] x = new float[n * dim];
            ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(x);
            return new FeatureSet(x, y);
        } catch (IOException e) {
            return null;
        }
    }

    private void write(Path file, FeatureSet fs) {
        AtomicFiles.replace(
                file,
                tmp -> {
                    try (DataOutputStream out =
                            new DataOutputStream(
                                    new BufferedOutputStream(
                                            Files.newOutputStream(tmp), 1 << 20))) {
                        out.writeInt(MAGIC);
                        out.writeInt(fs.size());
                        out.writeInt(FeatureSet.DIM);
                        for (int i = 0; i < fs.size(); i++) {
                            out.writeInt(fs.label(i));
                        }
                        ByteBuffer bb =
                                ByteBuffer.allocate(fs.raw().length * 4)
                                        .order(ByteOrder.BIG_ENDIAN);
                        bb.asFloatBuffer().put(fs.raw());
                        out.write(bb.array());
                    }
                });
    }
}
