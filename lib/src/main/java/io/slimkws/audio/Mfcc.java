package io.slimkws.audio;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * MFCC exactly as TensorFlow's audio ops ({@code AudioSpectrogram} then {@code Mfcc}) compute them
 * for the speech_commands recipe. Every constant is the recipe's:
 *
 * <ul>
 *   <li>30 ms periodic Hann window (480 samples), 10 ms stride (160) over 1 s: 98 frames;
 *   <li>FFT length 512 (next power of two), power spectrum |X|², 257 bins;
 *   <li>40 triangular mel bands, 20 Hz to 4 kHz, mel(f) = 1127 ln(1 + f/700), applied to the
 *       <em>magnitude</em> (square root of the power);
 *   <li>log(max(x, 1e-12)); DCT-II with the same scale √(2/40) for every k; 40 coefficients.
 * </ul>
 *
 * Instances hold precomputed tables and scratch buffers: one per thread.
 */
public final class Mfcc {
    public static final int WINDOW = 480;
    public static final int STRIDE = 160;
    public static final int FFT = 512;
    public static final int BINS = FFT / 2 + 1;
    public static final int CHANNELS = 40;
    public static final int COEFFS = 40;
    public static final double LOWER_HZ = 20.0;
    public static final double UPPER_HZ = 4000.0;
    public static final double FLOOR = 1e-12;

    /**
     * The DCT's vectors: the host's, but at most 8 doubles, so that five of them always make whole
     * passes over the 40 coefficients (1, 2, 4 or 8 lanes: 40 = 8 · 5 · 1 = 4 · 5 · 2 = 2 · 5 · 4 =
     * 1 · 5 · 8); a wider species (ARM's SVE allows 32 doubles) would leave a remainder.
     */
    private static final VectorSpecies<Double> DS =
            DoubleVector.SPECIES_PREFERRED.length() <= 8
                    ? DoubleVector.SPECIES_PREFERRED
                    : DoubleVector.SPECIES_512;

    private static final int DL = DS.length();

    /** Coefficients of one pass of {@link #dct}: five vectors. */
    private static final int DCT_BLOCK = 5 * DL;

    private final double[] window = new double[WINDOW];
    private final DoubleFFT_1D fft = new DoubleFFT_1D(FFT);
    private final double[] frame = new double[FFT];
    private final double[] power = new double[BINS];
    private final double[] magnitude = new double[BINS];
    private final double[] mel = new double[CHANNELS];
    // Mel filterbank as TensorFlow's MfccMelFilterbank lays it out.
    private final int startIndex;
    private final int endIndex;
    private final int[] bandMapper = new int[BINS];
    private final double[] weights = new double[BINS];
    // DCT-II, transposed: dctT[j * COEFFS + k] is the weight of channel j in coefficient k.
    private final double[] dctT = new double[CHANNELS * COEFFS];
    private final double[] coeffs = new double[COEFFS];

    public Mfcc() {
        for (int i = 0; i < WINDOW; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / WINDOW);
        }
        double melLow = hzToMel(LOWER_HZ);
        double melHigh = hzToMel(UPPER_HZ);
        double spacing = (melHigh - melLow) / (CHANNELS + 1);
        double[] centres = new double[CHANNELS + 1];
        for (int i = 0; i < CHANNELS + 1; i++) {
            centres[i] = melLow + spacing * (i + 1);
        }
        double hzPerBin = 0.5 * Wav.SAMPLE_RATE / (BINS - 1);
        startIndex = (int) (1.5 + LOWER_HZ / hzPerBin);
        endIndex = (int) (UPPER_HZ / hzPerBin);
        int channel = 0;
        for (int i = 0; i < BINS; i++) {
            double m = hzToMel(i * hzPerBin);
            if (i < startIndex || i > endIndex) {
                bandMapper[i] = -2;
                weights[i] = 0.0;
            } else {
                while (channel < CHANNELS && centres[channel] < m) {
                    channel++;
                }
                bandMapper[i] = channel - 1;
                int c = bandMapper[i];
                weights[i] =
                        c >= 0
                                ? (centres[c + 1] - m) / (centres[c + 1] - centres[c])
                                : (centres[0] - m) / (centres[0] - melLow);
            }
        }
        double norm = Math.sqrt(2.0 / CHANNELS);
        for (int k = 0; k < COEFFS; k++) {
            for (int j = 0; j < CHANNELS; j++) {
                dctT[j * COEFFS + k] = norm * Math.cos(Math.PI * k * (j + 0.5) / CHANNELS);
            }
        }
    }

    public static double hzToMel(double hz) {
        return 1127.0 * Math.log1p(hz / 700.0);
    }

    /** Number of frames TensorFlow's spectrogram yields for {@code n} samples. */
    public static int frames(int n) {
        return n < WINDOW ? 0 : 1 + (n - WINDOW) / STRIDE;
    }

    /** MFCC of a clip: [frames][40], written into {@code out} (allocated when null). */
    public float[][] mfcc(float[] samples, float[][] out) {
        int t = frames(samples.length);
        if (out == null) {
            out = new float[t][COEFFS];
        }
        for (int f = 0; f < t; f++) {
            frameInto(samples, f, out[f], 0);
        }
        return out;
    }

    public float[][] mfcc(float[] samples) {
        return mfcc(samples, null);
    }

    /** Writes the MFCC of a clip as one flat row-major [frames * 40] block at {@code offset}. */
    public void mfccInto(float[] samples, float[] dst, int offset) {
        int t = frames(samples.length);
        for (int f = 0; f < t; f++) {
            frameInto(samples, f, dst, offset + f * COEFFS);
        }
    }

    /** The 40 coefficients of frame f, as float32, into dst from {@code base}. */
    private void frameInto(float[] samples, int f, float[] dst, int base) {
        logMelFrame(samples, f);
        dct();
        for (int k = 0; k < COEFFS; k++) {
            dst[base + k] = (float) coeffs[k];
        }
    }

    /** Log-mel energies [frames][40] (natural log of the magnitude filterbank), for plots. */
    public float[][] logMel(float[] samples) {
        int t = frames(samples.length);
        float[][] out = new float[t][CHANNELS];
        for (int f = 0; f < t; f++) {
            logMelFrame(samples, f);
            for (int j = 0; j < CHANNELS; j++) {
                out[f][j] = (float) mel[j];
            }
        }
        return out;
    }

    /**
     * coeffs[k] = Σ_j mel[j] dct(k, j), each sum taken over j in increasing order with a multiply
     * and an add rounded apart, as the scalar {@code c += m * d} does (bit for bit the sum of one k
     * at a time), but five vectors of k advanced together in registers: the 40 dependency chains of
     * the sums become five vector chains of 40 steps each.
     */
    private void dct() {
        for (int k0 = 0; k0 < COEFFS; k0 += DCT_BLOCK) {
            DoubleVector s0 = DoubleVector.zero(DS);
            DoubleVector s1 = s0;
            DoubleVector s2 = s0;
            DoubleVector s3 = s0;
            DoubleVector s4 = s0;
            for (int j = 0; j < CHANNELS; j++) {
                DoubleVector m = DoubleVector.broadcast(DS, mel[j]);
                int row = j * COEFFS + k0;
                s0 = s0.add(m.mul(DoubleVector.fromArray(DS, dctT, row)));
                s1 = s1.add(m.mul(DoubleVector.fromArray(DS, dctT, row + DL)));
                s2 = s2.add(m.mul(DoubleVector.fromArray(DS, dctT, row + 2 * DL)));
                s3 = s3.add(m.mul(DoubleVector.fromArray(DS, dctT, row + 3 * DL)));
                s4 = s4.add(m.mul(DoubleVector.fromArray(DS, dctT, row + 4 * DL)));
            }
            s0.intoArray(coeffs, k0);
            s1.intoArray(coeffs, k0 + DL);
            s2.intoArray(coeffs, k0 + 2 * DL);
            s3.intoArray(coeffs, k0 + 3 * DL);
            s4.intoArray(coeffs, k0 + 4 * DL);
        }
    }

    private void powerFrame(float[] samples, int f) {
        int start = f * STRIDE;
        for (int i = 0; i < WINDOW; i++) {
            frame[i] = samples[start + i] * window[i];
        }
        Arrays.fill(frame, WINDOW, FFT, 0.0);
        fft.realForward(frame);
        // JTransforms packs Re[0], Re[n/2], then (Re[k], Im[k]) for 0 < k < n/2.
        power[0] = frame[0] * frame[0];
        power[FFT / 2] = frame[1] * frame[1];
        for (int k = 1; k < FFT / 2; k++) {
            double re = frame[2 * k];
            double im = frame[2 * k + 1];
            power[k] = re * re + im * im;
        }
    }

    private void logMelFrame(float[] samples, int f) {
        powerFrame(samples, f);
        // TensorFlow's spectrogram op emits float32; round the same way before the sqrt. Apart from
        // the sums below, so that the square roots do not wait on them.
        for (int i = startIndex; i <= endIndex; i++) {
            magnitude[i] = Math.sqrt((float) power[i]);
        }
        Arrays.fill(mel, 0.0);
        for (int i = startIndex; i <= endIndex; i++) {
            double mag = magnitude[i];
            double w = mag * weights[i];
            int c = bandMapper[i];
            if (c >= 0) {
                mel[c] += w;
            }
            c++;
            if (c < CHANNELS) {
                mel[c] += mag - w;
            }
        }
        for (int j = 0; j < CHANNELS; j++) {
            mel[j] = Math.log(Math.max(mel[j], FLOOR));
        }
    }
}
