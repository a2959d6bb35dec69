package io.slimkws.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.slimkws.NoiseClips;
import io.slimkws.audio.Mfcc;
import io.slimkws.audio.Wav;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

class FeaturePipelineTest {
    @TempDir Path dir;

    List<Clip> clips(int n) throws Exception {
        return NoiseClips.write(dir, n, 5, i -> 2 + i % 10);
    }

    @Test
    void cachedFeaturesAreTheMfccOfEachFileAndRebuildWhenAFileChanges() throws Exception {
        List<Clip> clips = clips(6);
        FeatureCache cache = new FeatureCache(dir.resolve("cache"), 2);
        FeatureSet a = cache.features(clips, null);
        float[][] direct = new Mfcc().mfcc(Wav.readClip(clips.get(3).file()));
        assertArrayEquals(direct[50], a.mfcc(3)[50]);
        assertEquals(clips.get(3).label(), a.label(3));
        long files = Files.list(dir.resolve("cache")).count();
        FeatureSet b = cache.features(clips, null);
        assertArrayEquals(a.mfcc(5)[10], b.mfcc(5)[10]);
        assertEquals(files, Files.list(dir.resolve("cache")).count(), "second call is a cache hit");

        short[] silent = new short[Wav.CLIP_SAMPLES];
        Wav.write(clips.get(3).file(), silent);
        Files.setLastModifiedTime(
                clips.get(3).file(), FileTime.fromMillis(System.currentTimeMillis() + 5000));
        FeatureSet c = cache.features(clips, null);
        assertNotEquals(a.mfcc(3)[50][0], c.mfcc(3)[50][0]);
        assertArrayEquals(new Mfcc().mfcc(new float[Wav.CLIP_SAMPLES])[0], c.mfcc(3)[0]);
    }

    @Test
    void batchesAreShapedForTheModel() throws Exception {
        FeatureSet fs = FeatureCache.compute(clips(5), null, "k", 1);
        List<DataSet> batches = fs.batchList(2);
        assertEquals(3, batches.size());
        assertArrayEquals(new long[] {2, 1, 98, 40}, batches.get(0).getFeatures().shape());
        assertArrayEquals(new long[] {1, 12}, batches.get(2).getLabels().shape());
        assertEquals(1.0, batches.get(0).getLabels().getDouble(1, fs.label(1)), 0);
    }

    @Test
    void aResumedStreamSeesTheSameBatches() throws Exception {
        List<Clip> clips = clips(8);
        NoiseBank noise = NoiseBank.load(List.of());
        DataSet fifth;
        try (AugmentedBatches all = new AugmentedBatches(clips, noise, 4, 11, 0, 2)) {
            for (int i = 0; i < 4; i++) {
                all.next();
            }
            fifth = all.next();
        }
        try (AugmentedBatches resumed = new AugmentedBatches(clips, noise, 4, 11, 4, 2)) {
            DataSet again = resumed.next();
            assertEquals(fifth.getFeatures(), again.getFeatures());
            assertEquals(fifth.getLabels(), again.getLabels());
        }
    }
}
