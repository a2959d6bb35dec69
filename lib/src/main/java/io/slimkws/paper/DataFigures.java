package io.slimkws.paper;

import io.slimkws.audio.Mfcc;
import io.slimkws.audio.Wav;
import io.slimkws.data.AugmentedBatches;
import io.slimkws.data.Augmenter;
import io.slimkws.data.Clip;
import io.slimkws.data.Corpus;
import io.slimkws.data.KwsData;
import io.slimkws.report.Figures;
import io.slimkws.report.Plot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Notebook 01's views of the data: one clip's waveform, MFCC and log-mel energies, the noise
 * recordings, augmentation.
 */
public final class DataFigures {
    private DataFigures() {}

    /** The first clip of {@code word} (the one the notebook shows). */
    public static Clip firstOf(Corpus corpus, String word) {
        return corpus.clips().stream()
                .filter(c -> c.word().equals(word) && c.file() != null)
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "no clip of the word '" + word + "' in " + corpus.root()));
    }

    static double[] seconds(int n) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i / (double) Wav.SAMPLE_RATE;
        }
        return t;
    }

    static double[] asDouble(float[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i];
        }
        return y;
    }

    public static Plot waveform(Clip c, float[] wave) {
        return Figures.lines(
                "Word " + c.word() + ", speaker " + c.speaker() + ": waveform",
                "time (s)",
                "amplitude",
                seconds(wave.length),
                Map.of("waveform", asDouble(wave)));
    }

    /**
     * The MFCC heat map, each coefficient standardised over the frames: c0 (the log energy) spans
     * several times the range of the others, which would otherwise all be one colour.
     */
    public static Plot mfcc(float[][] coefficients) {
        return Figures.heatmap(
                "MFCC of the same clip, each coefficient standardised",
                "frame (10 ms)",
                "coefficient",
                Figures.standardizeColumns(coefficients));
    }

    /** "c0 lo .. hi; c1-c39 lo .. hi": the raw ranges the standardisation hides. */
    public static String mfccRanges(float[][] coefficients) {
        double lo0 = Double.POSITIVE_INFINITY;
        double hi0 = Double.NEGATIVE_INFINITY;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float[] r : coefficients) {
            lo0 = Math.min(lo0, r[0]);
            hi0 = Math.max(hi0, r[0]);
            for (int j = 1; j < r.length; j++) {
                lo = Math.min(lo, r[j]);
                hi = Math.max(hi, r[j]);
            }
        }
        return String.format(
                "raw range: c0 %.1f .. %.1f; c1-c%d %.1f .. %.1f",
                lo0, hi0, coefficients[0].length - 1, lo, hi);
    }

    public static Plot logMel(float[] wave) {
        return Figures.heatmap(
                "Log-mel energies of the same clip ("
                        + Mfcc.CHANNELS
                        + " bands, "
                        + (int) Mfcc.LOWER_HZ
                        + " Hz - "
                        + (int) (Mfcc.UPPER_HZ / 1000)
                        + " kHz)",
                "frame (10 ms)",
                "mel band",
                new Mfcc().logMel(wave));
    }

    /** Each background-noise recording: length and RMS level. */
    public static Table noise(Corpus corpus) throws IOException {
        Table t =
                Table.create(
                        "Background-noise recordings",
                        StringColumn.create("file"),
                        DoubleColumn.create("seconds"),
                        DoubleColumn.create("RMS"));
        for (Path f : corpus.noiseFiles()) {
            float[] x = Wav.readScaled(f);
            double ss = 0;
            for (float v : x) {
                ss += v * v;
            }
            t.stringColumn(0).append(f.getFileName().toString());
            t.doubleColumn(1).append(x.length / (double) Wav.SAMPLE_RATE);
            t.doubleColumn(2).append(Math.sqrt(ss / x.length));
        }
        return t;
    }

    /** The clean clip and {@code draws} augmented versions of it (time shift, background noise). */
    public static Plot augmentation(float[] wave, KwsData data, int draws, long seed) {
        Augmenter aug = new Augmenter(data.noise());
        Random rng = new Random(seed);
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("clean", asDouble(wave));
        for (int d = 1; d <= draws; d++) {
            float[] out = new float[wave.length];
            aug.apply(wave, false, rng, out);
            series.put("augmented draw " + d, asDouble(out));
        }
        return Figures.lines(
                "Augmentation: time shift and background noise",
                "time (s)",
                "amplitude",
                seconds(wave.length),
                series);
    }

    /**
     * Augmented training samples per second the batch pipeline produces (4 prefetching workers),
     * over {@code batches} batches of 100.
     */
    public static double augmentedSamplesPerSecond(KwsData data, int batches) throws Exception {
        long t0 = System.nanoTime();
        try (AugmentedBatches ab =
                new AugmentedBatches(data.training(), data.noise(), 100, 1, 0, 4)) {
            for (int i = 0; i < batches; i++) {
                ab.next();
            }
        }
        return batches * 100 / ((System.nanoTime() - t0) / 1e9);
    }
}
