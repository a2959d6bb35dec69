package io.slimkws.prox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slimkws.theory.NumericMin;
import java.util.Arrays;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Lou and Yan's closed form of the ℓ1 − αℓ2 prox: hand-worked cases of each regime, then brute
 * force over random vectors.
 */
class L1MinusL2Test {
    @Test
    void eachRegimeByHand() {
        L1MinusL2 p = new L1MinusL2(1.0, 0.5);
        // ||x||_∞ = 3 > λ: z = soft(x, 1) = (2, 0, -1), ||z|| = √5, y = z (√5 + 0.5)/√5.
        double s = (Math.sqrt(5) + 0.5) / Math.sqrt(5);
        assertArrayEquals(new double[] {2 * s, 0, -s}, p.apply(new double[] {3, 0.5, -2}), 1e-12);
        // (1 − α)λ = 0.5 < ||x||_∞ = 0.8 ≤ λ: 1-sparse at the largest, 0.8 − 0.5 = 0.3, sign kept.
        assertArrayEquals(new double[] {0, -0.3, 0}, p.apply(new double[] {0.2, -0.8, 0.7}), 1e-12);
        // ||x||_∞ = 0.4 ≤ (1 − α)λ = 0.5: zero.
        assertArrayEquals(new double[] {0, 0, 0}, p.apply(new double[] {0.4, -0.1, 0.3}), 0);
        // α = 1 (ℓ1 − ℓ2 itself): below λ only the largest survives, unshrunk.
        assertArrayEquals(
                new double[] {0, 0.6},
                new L1MinusL2(1.0, 1.0).apply(new double[] {-0.5, 0.6}),
                1e-12);
        // The penalty: λ(||x||_1 − α||x||_2) = 1 · (7 − 0.5 · 5) for x = (3, 4).
        assertEquals(4.5, p.penalty(new double[] {3, 4}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new L1MinusL2(0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new L1MinusL2(0.1, 1.5));
    }

    @Test
    void neverBeatenByBruteForce() {
        Random r = new Random(2018);
        for (double alpha : new double[] {0.3, 0.7, 1.0}) {
            for (double lambda : new double[] {0.05, 0.3, 1.0}) {
                L1MinusL2 p = new L1MinusL2(lambda, alpha);
                for (int trial = 0; trial < 30; trial++) {
                    int d = 2 + trial % 3;
                    double[] x = new double[d];
                    for (int i = 0; i < d; i++) {
                        x[i] = r.nextGaussian() * (0.2 + trial % 5 * 0.4);
                    }
                    ToDoubleFunction<double[]> f =
                            v -> p.penalty(v) + 0.5 * ProxBruteForceTest.dist2(v, x);
                    double[] closed = p.apply(x);
                    double best = f.applyAsDouble(new double[d]);
                    // Starts: x, and x restricted to each one coordinate (the 1-sparse minimisers
                    // of the middle regime).
                    for (int k = -1; k < d; k++) {
                        double[] s = k < 0 ? x.clone() : new double[d];
                        if (k >= 0) {
                            s[k] = x[k];
                        }
                        best = Math.min(best, f.applyAsDouble(NumericMin.minimize(f, s, 0.1, 6)));
                    }
                    String what = "α=" + alpha + " λ=" + lambda + " x=" + Arrays.toString(x);
                    assertTrue(
                            f.applyAsDouble(closed) <= best + 1e-10,
                            what + ": closed " + f.applyAsDouble(closed) + " beaten by " + best);
                    assertEquals(best, f.applyAsDouble(closed), 1e-7, what);
                }
            }
        }
    }
}
