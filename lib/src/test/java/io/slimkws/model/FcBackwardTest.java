package io.slimkws.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link FcBackward} against the definitions summed by hand in double precision: the fc layer's
 * input gradient masked by ReLU's derivative and scaled by 1/p, and its weight gradient. The widths
 * leave a partial chunk and a scalar tail, and a third of the activations are exactly 0 or negative
 * (ReLU's derivative is 0 at 0, as in DL4J and TensorFlow).
 */
class FcBackwardTest {
    private static FloatBuffer direct(int n) {
        return ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Test
    void fusedPassEqualsTheDefinitionsSummedByHand() {
        for (int f : new int[] {5, 16, 300, 1037}) {
            int n = 7;
            int k = FcBackward.CLASSES;
            Random r = new Random(f);
            FloatBuffer a = direct(n * f);
            FloatBuffer wf = direct(f * k);
            float[] gl = new float[n * k];
            for (int e = 0; e < n * f; e++) {
                int kind = r.nextInt(3);
                a.put(e, kind == 0 ? 0f : kind == 1 ? -r.nextFloat() : r.nextFloat());
            }
            for (int e = 0; e < f * k; e++) {
                wf.put(e, (float) r.nextGaussian());
            }
            for (int e = 0; e < n * k; e++) {
                gl[e] = (float) r.nextGaussian();
            }
            float scale = 1 / 0.5f;
            FloatBuffer gr2 = direct(n * f);
            FloatBuffer gwf = direct(f * k);
            for (int e = 0; e < f * k; e++) {
                gwf.put(e, 99f); // overwritten, not added to
            }
            FcBackward.backward(a, gl, scale, wf, gr2, gwf, n, f);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < f; j++) {
                    double s = 0;
                    for (int c = 0; c < k; c++) {
                        s += (double) gl[i * k + c] * wf.get(j * k + c);
                    }
                    double want = a.get(i * f + j) > 0 ? scale * s : 0;
                    assertEquals(want, gr2.get(i * f + j), 1e-5 * (1 + Math.abs(want)), "gr2");
                }
            }
            for (int j = 0; j < f; j++) {
                for (int c = 0; c < k; c++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += (double) a.get(i * f + j) * gl[i * k + c];
                    }
                    assertEquals(s, gwf.get(j * k + c), 1e-5 * (1 + Math.abs(s)), "gwf");
                }
            }
        }
    }

    @Test
    void shapesThatDoNotFitAreRefusedWithTheExpectedOnes() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                FcBackward.backward(
                                        direct(20),
                                        new float[12],
                                        1f,
                                        direct(12 * 10),
                                        direct(20),
                                        direct(12 * 10),
                                        2,
                                        10));
        assertEquals(true, e.getMessage().contains("gl [2, 12]"), e.getMessage());
    }
}
