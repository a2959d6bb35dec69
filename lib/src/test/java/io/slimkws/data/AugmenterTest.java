package io.slimkws.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slimkws.audio.Wav;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AugmenterTest {
    @TempDir Path dir;

    /**
     * Noise that is a constant 0.5 everywhere, so the mixed-in volume can be read off the output.
     */
    NoiseBank constantNoise() throws Exception {
        short[] pcm = new short[3 * Wav.CLIP_SAMPLES];
        Arrays.fill(pcm, (short) 16384); // 0.5
        Path f = dir.resolve("half.wav");
        Wav.write(f, pcm);
        return NoiseBank.load(List.of(f));
    }

    @Test
    void shiftIsZeroPaddedBothWays() {
        float[] clip = {1, 2, 3, 4, 5};
        float[] out = new float[5];
        Augmenter.shift(clip, 2, out);
        assertArrayEquals(new float[] {0, 0, 1, 2, 3}, out);
        Augmenter.shift(clip, -2, out);
        assertArrayEquals(new float[] {3, 4, 5, 0, 0}, out);
    }

    @Test
    void noiseProbabilityVolumeAndShiftFollowTheRecipe() throws Exception {
        Augmenter aug = new Augmenter(constantNoise());
        Random rng = new Random(1);
        float[] impulse = new float[Wav.CLIP_SAMPLES];
        impulse[8000] = 0.25f; // marks where the clip went
        float[] out = new float[Wav.CLIP_SAMPLES];
        int trials = 4000;
        int noisy = 0;
        int minPos = Integer.MAX_VALUE;
        int maxPos = Integer.MIN_VALUE;
        double maxVolume = 0;
        for (int t = 0; t < trials; t++) {
            aug.apply(impulse, false, rng, out);
            double volume = out[0] / 0.5; // index 0 never holds the shifted impulse
            maxVolume = Math.max(maxVolume, volume);
            if (volume > 0) {
                noisy++;
            }
            for (int i = 0; i < out.length; i++) {
                if (Math.abs(out[i] - out[0] - 0.25f) < 1e-6) {
                    minPos = Math.min(minPos, i);
                    maxPos = Math.max(maxPos, i);
                }
            }
        }
        // Binomial(4000, 0.8): standard deviation 25, so +-100 is a 4-sigma band.
        assertTrue(Math.abs(noisy - 0.8 * trials) < 100, "noisy share " + noisy + "/" + trials);
        assertTrue(maxVolume <= 0.1 + 1e-6 && maxVolume > 0.09, "max volume " + maxVolume);
        assertTrue(minPos >= 8000 - 1600 && minPos < 8000 - 1500, "min position " + minPos);
        assertTrue(maxPos < 8000 + 1600 && maxPos > 8000 + 1500, "max position " + maxPos);
    }

    @Test
    void silenceIsNoiseOnlyUpToFullVolumeAndDeterministicForEvaluation() throws Exception {
        Augmenter aug = new Augmenter(constantNoise());
        Random rng = new Random(2);
        float[] out = new float[Wav.CLIP_SAMPLES];
        double max = 0;
        for (int t = 0; t < 500; t++) {
            aug.apply(null, true, rng, out);
            assertEquals(out[0], out[15_999], 1e-7); // constant: nothing but noise
            max = Math.max(max, out[0] / 0.5);
        }
        assertTrue(max > 0.95 && max <= 1.0, "silence volume reaches " + max);
        float[] a = new float[Wav.CLIP_SAMPLES];
        float[] b = new float[Wav.CLIP_SAMPLES];
        aug.silence(42, a);
        aug.silence(42, b);
        assertArrayEquals(a, b);
    }

    @Test
    void sumIsClippedToUnitRange() throws Exception {
        Augmenter aug = new Augmenter(constantNoise());
        float[] loud = new float[Wav.CLIP_SAMPLES];
        Arrays.fill(loud, 0.99f);
        float[] out = new float[Wav.CLIP_SAMPLES];
        Random rng = new Random(3);
        for (int t = 0; t < 50; t++) {
            aug.apply(loud, false, rng, out);
            for (float v : out) {
                assertTrue(v <= 1f && v >= -1f);
            }
        }
    }
}
