package io.slimkws.bench;

import io.slimkws.audio.Mfcc;
import io.slimkws.data.AugmentedBatches;
import io.slimkws.data.Corpus;
import io.slimkws.data.CorpusLoader;
import io.slimkws.data.FeatureCache;
import io.slimkws.data.NoiseBank;
import io.slimkws.data.Split;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Benchmark (not a test) of the feature pipeline on a Speech Commands folder: clean featurisation
 * of the whole corpus (cold, no cache) and augmented batches of 100.
 *
 * <pre>
 * environment/run-java io.slimkws.bench.FeatureBenchmark ../shared/data/speech_commands_test_set_v0.02
 * </pre>
 */
public final class FeatureBenchmark {
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: FeatureBenchmark DATA_FOLDER [seconds]");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        int threads = Runtime.getRuntime().availableProcessors();

        long t0 = System.nanoTime();
        Corpus corpus = CorpusLoader.of().load(data);
        double loadS = (System.nanoTime() - t0) / 1e9;
        NoiseBank noise = NoiseBank.load(corpus.noiseFiles());
        System.out.printf(
                "corpus: %d clips, %d bad files, loaded and checked in %.2f s%n",
                corpus.clips().size(), corpus.badFiles().size(), loadS);

        // Warm the JIT on a few clips, then time the whole corpus cold (no cache).
        FeatureCache.compute(
                corpus.clips().subList(0, Math.min(200, corpus.clips().size())),
                noise,
                "warm",
                threads);
        t0 = System.nanoTime();
        FeatureCache.compute(corpus.clips(), noise, "bench", threads);
        double cleanS = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                "clean features: %d clips in %.2f s = %.0f clips/s on %d threads%n",
                corpus.clips().size(), cleanS, corpus.clips().size() / cleanS, threads);

        Path cacheDir = Files.createTempDirectory("slimkws-bench");
        FeatureCache cache = new FeatureCache(cacheDir);
        cache.features(corpus.clips(), noise);
        t0 = System.nanoTime();
        cache.features(corpus.clips(), noise);
        System.out.printf(
                "clean features from the disk cache: %.2f s%n", (System.nanoTime() - t0) / 1e9);

        // Augmented batches of 100 from the background thread, consumed as fast as they come.
        var train = corpus.clips(Split.TRAINING);
        int batches = 0;
        try (AugmentedBatches ab = new AugmentedBatches(train, noise, 100, 1, 0, 4)) {
            ab.next();
            t0 = System.nanoTime();
            while ((System.nanoTime() - t0) / 1e9 < seconds) {
                ab.next();
                batches++;
            }
        }
        double augS = (System.nanoTime() - t0) / 1e9;
        double rate = batches * 100 / augS;
        System.out.printf(
                "augmented batches: %d x 100 in %.2f s = %.0f samples/s (one producer thread)%n",
                batches, augS, rate);
        // Compare with the training samples/s that environment/bench/throughput measures on the
        // same host.
        System.out.println(
                "compare with the training samples/s of environment/bench/throughput on this host");
        System.out.printf(
                "MFCC constants: %d frames x %d coefficients%n", Mfcc.frames(16000), Mfcc.COEFFS);
    }
}
