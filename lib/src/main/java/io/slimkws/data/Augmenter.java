package io.slimkws.data;

import io.slimkws.audio.Wav;
import java.util.Arrays;
import java.util.Random;

/**
 * The recipe's training-time augmentation, on one-second waveforms:
 *
 * <ul>
 *   <li>time shift by an integer drawn uniformly from [-100 ms, +100 ms), zero-padded;
 *   <li>with probability 0.8 add a random one-second slice of background noise at a volume drawn
 *       from U(0, 0.1);
 *   <li>silence examples are background noise alone, at a volume from U(0, 1);
 *   <li>the sum is clipped to [-1, 1].
 * </ul>
 */
public final class Augmenter {
    public static final int TIME_SHIFT_SAMPLES = 1600; // 100 ms
    public static final double NOISE_PROBABILITY = 0.8;
    public static final double NOISE_VOLUME = 0.1;
    public static final double SILENCE_VOLUME = 1.0;

    private final NoiseBank noise;
    private final float[] slice = new float[Wav.CLIP_SAMPLES];

    public Augmenter(NoiseBank noise) {
        this.noise = noise;
    }

    /**
     * Augments {@code clip} (ignored, may be null, for generated silence) into {@code out}. One
     * instance per thread.
     */
    public void apply(float[] clip, boolean generatedSilence, Random rng, float[] out) {
        int n = out.length;
        if (generatedSilence) {
            Arrays.fill(out, 0f);
        } else {
            // TF: time_shift_amount = randint(-time_shift, time_shift); positive moves the clip
            // later.
            int shift = rng.nextInt(2 * TIME_SHIFT_SAMPLES) - TIME_SHIFT_SAMPLES;
            shift(clip, shift, out);
        }
        double volume = 0;
        if (!noise.isEmpty()) {
            if (generatedSilence) {
                volume = rng.nextDouble() * SILENCE_VOLUME;
            } else if (rng.nextDouble() < NOISE_PROBABILITY) {
                volume = rng.nextDouble() * NOISE_VOLUME;
            }
            // The recipe draws a slice whether or not it is used; so do we, to keep streams
            // aligned.
            noise.randomSlice(rng, slice);
        }
        for (int i = 0; i < n; i++) {
            float v = out[i] + (float) (volume * slice[i]);
            out[i] = v > 1f ? 1f : (v < -1f ? -1f : v);
        }
    }

    /** out[i] = clip[i - shift], zero where that falls outside the clip. */
    static void shift(float[] clip, int shift, float[] out) {
        Arrays.fill(out, 0f);
        int n = out.length;
        if (shift >= 0) {
            System.arraycopy(clip, 0, out, shift, Math.max(0, Math.min(n - shift, clip.length)));
        } else {
            int from = -shift;
            if (from < clip.length) {
                System.arraycopy(clip, from, out, 0, Math.min(n, clip.length - from));
            }
        }
    }

    /**
     * Deterministic silence for validation and test: noise at U(0, 1) volume from a random
     * generator seeded by the example's position, so every evaluation sees the same clips.
     */
    public void silence(long seed, float[] out) {
        Random rng = new Random(seed);
        Arrays.fill(out, 0f);
        double volume = rng.nextDouble() * SILENCE_VOLUME;
        noise.randomSlice(rng, slice);
        for (int i = 0; i < out.length; i++) {
            float v = (float) (volume * slice[i]);
            out[i] = v > 1f ? 1f : (v < -1f ? -1f : v);
        }
    }
}
