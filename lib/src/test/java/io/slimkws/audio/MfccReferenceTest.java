package io.slimkws.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;

/**
 * {@link Mfcc}'s fast loops against the formulas written out one number at a time, the way
 * TensorFlow's C++ ops ({@code MfccMelFilterbank::Compute}, {@code MfccDct::Compute}) loop: every
 * feature must be the same float32, bit for bit, so that a faster loop never changes what the
 * networks train on. (How close those formulas are to TensorFlow itself is {@link MfccGoldenTest}'s
 * question.)
 */
class MfccReferenceTest {

    /** The recipe's MFCC of one clip, scalar and in TensorFlow's loop order. */
    static float[][] reference(float[] x) {
        int frames = 1 + (x.length - 480) / 160;
        float[][] out = new float[frames][40];
        // MfccMelFilterbank::Initialize: 41 centre frequencies evenly spaced in mel.
        double melLow = 1127.0 * Math.log1p(20.0 / 700.0);
        double melHigh = 1127.0 * Math.log1p(4000.0 / 700.0);
        double spacing = (melHigh - melLow) / 41;
        double[] centre = new double[41];
        for (int i = 0; i < 41; i++) {
            centre[i] = melLow + spacing * (i + 1);
        }
        double hzPerBin = 0.5 * 16000 / 256;
        int start = (int) (1.5 + 20.0 / hzPerBin);
        int end = (int) (4000.0 / hzPerBin);
        DoubleFFT_1D fft = new DoubleFFT_1D(512);
        for (int f = 0; f < frames; f++) {
            double[] buf = new double[512];
            for (int i = 0; i < 480; i++) {
                buf[i] = x[f * 160 + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / 480));
            }
            fft.realForward(buf);
            double[] mel = new double[40];
            int channel = 0;
            for (int i = start; i <= end; i++) {
                double re = buf[2 * i];
                double im = buf[2 * i + 1];
                double mag = Math.sqrt((float) (re * re + im * im));
                double m = 1127.0 * Math.log1p(i * hzPerBin / 700.0);
                while (channel < 40 && centre[channel] < m) {
                    channel++;
                }
                int c = channel - 1;
                double weight =
                        c >= 0
                                ? (centre[c + 1] - m) / (centre[c + 1] - centre[c])
                                : (centre[0] - m) / (centre[0] - melLow);
                double w = mag * weight;
                if (c >= 0) {
                    mel[c] += w;
                }
                if (c + 1 < 40) {
                    mel[c + 1] += mag - w;
                }
            }
            for (int j = 0; j < 40; j++) {
                mel[j] = Math.log(Math.max(mel[j], 1e-12));
            }
            // MfccDct::Compute: one coefficient at a time, summed over the channels in order.
            for (int k = 0; k < 40; k++) {
                double sum = 0;
                for (int j = 0; j < 40; j++) {
                    sum += mel[j] * (Math.sqrt(2.0 / 40) * Math.cos(Math.PI * k * (j + 0.5) / 40));
                }
                out[f][k] = (float) sum;
            }
        }
        return out;
    }

    @Test
    void everyFeatureIsTheFormulasFloatBitForBit() {
        Random r = new Random(20261207);
        Mfcc mfcc = new Mfcc();
        float[] flat = new float[98 * 40];
        for (int clip = 0; clip < 40; clip++) {
            // Loudness over eight orders of magnitude, stretches of digital silence (log's floor)
            // and a tone, so that every band and branch is crossed.
            float[] x = new float[16000];
            double amp = Math.pow(10, -8 + 8 * r.nextDouble());
            double tone = 20 + 3980 * r.nextDouble();
            int quietFrom = r.nextInt(16000);
            for (int i = 0; i < x.length; i++) {
                x[i] =
                        i >= quietFrom && i < quietFrom + 2000
                                ? 0f
                                : (float)
                                        (amp
                                                * (r.nextGaussian()
                                                        + Math.sin(
                                                                2 * Math.PI * tone * i / 16000)));
            }
            float[][] want = reference(x);
            float[][] got = mfcc.mfcc(x);
            mfcc.mfccInto(x, flat, 0);
            for (int f = 0; f < 98; f++) {
                for (int k = 0; k < 40; k++) {
                    String at = "clip " + clip + ", frame " + f + ", coefficient " + k;
                    assertEquals(
                            Float.floatToIntBits(want[f][k]),
                            Float.floatToIntBits(got[f][k]),
                            at + ": " + want[f][k] + " against " + got[f][k]);
                    assertEquals(
                            Float.floatToIntBits(want[f][k]),
                            Float.floatToIntBits(flat[f * 40 + k]),
                            at + " (flat)");
                }
            }
        }
    }
}
