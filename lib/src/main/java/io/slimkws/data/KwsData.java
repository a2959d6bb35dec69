package io.slimkws.data;

import io.slimkws.env.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a training run reads, for one profile: the corpus and its split, the noise recordings,
 * the training clips (augmented on the fly) and the clean validation and test features (cached on
 * disk under {@code cache/features}).
 */
public record KwsData(
        Corpus corpus,
        NoiseBank noise,
        List<Clip> training,
        FeatureSet validation,
        FeatureSet testing) {

    public static KwsData load(Settings s) throws IOException {
        Corpus c = CorpusLoader.of().strict(s.strict()).load(s.requireData());
        if (!c.badFiles().isEmpty()) {
            // On the console too (./reproduce streams it), not only in notebook 01's table.
            System.out.println(
                    BadFile.summary(
                            c.badFiles(),
                            c.root(),
                            s.home().resolve("cache").resolve("bad-files.txt")));
        }
        if (s.profile().clipsPerLabel() > 0) {
            c = c.limit(s.profile().clipsPerLabel());
        }
        return of(c, s.home().resolve("cache").resolve("features"));
    }

    public static KwsData of(Corpus c, Path cacheDir) throws IOException {
        NoiseBank noise = NoiseBank.load(c.noiseFiles());
        FeatureCache cache = new FeatureCache(cacheDir);
        return new KwsData(
                c,
                noise,
                c.clips(Split.TRAINING),
                cache.features(c.clips(Split.VALIDATION), noise),
                cache.features(c.clips(Split.TESTING), noise));
    }
}
