package io.slimkws.prox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * proj_Q (3.13)-(3.14) on a hand-worked layer, with and without a mask, and sgn(0) as the paper
 * defines it.
 */
class BinaryProjectionTest {
    @Test
    void theScaleIsTheMeanAbsoluteValueOfTheKeptWeightsOnly() {
        // w = (1, −3, 0, 8), mask (1, 1, 1, 0): a = (1 + 3 + 0)/3 = 4/3 over the kept weights; a =
        // 12/4 = 3 over all.
        var w = Nd4j.create(new double[] {1, -3, 0, 8});
        var m = Nd4j.create(new double[] {1, 1, 1, 0});
        assertEquals(4.0 / 3, BinaryProjection.scale(w, m), 1e-15);
        assertEquals(3.0, BinaryProjection.scale(w, null), 1e-15);
        // a·sgn(w)·mask with sgn(0) = +1 (3.14): the zero weight becomes +a, the masked one 0.
        assertArrayEquals(
                new double[] {4.0 / 3, -4.0 / 3, 4.0 / 3, 0},
                BinaryProjection.project(w, m).toDoubleVector(),
                1e-15);
        assertArrayEquals(
                new double[] {3, -3, 3, 3}, BinaryProjection.project(w).toDoubleVector(), 1e-15);
        assertArrayEquals(
                new double[] {1, -3, 0, 8}, w.toDoubleVector(), 0.0, "the argument is not written");
        // Everything masked: the scale is 0, not 0/0.
        assertEquals(0.0, BinaryProjection.scale(w, Nd4j.zeros(DataType.DOUBLE, 4)), 0.0);
    }

    @Test
    void theProjectionIsTheClosestPointOfQByBruteForce() {
        // Q = R+ × {±1}^4: every sign pattern, and for each the best a ≥ 0 (a = mean of s·w,
        // clipped at 0), minimise ‖a s − w‖.
        double[] w = {0.3, -1.1, 0.0, 0.7};
        double best = Double.POSITIVE_INFINITY;
        double[] arg = null;
        for (int bits = 0; bits < 16; bits++) {
            double[] s = new double[4];
            double dot = 0;
            for (int j = 0; j < 4; j++) {
                s[j] = (bits >> j & 1) == 1 ? 1 : -1;
                dot += s[j] * w[j];
            }
            double a = Math.max(0, dot / 4);
            double d = 0;
            for (int j = 0; j < 4; j++) {
                d += (a * s[j] - w[j]) * (a * s[j] - w[j]);
            }
            if (d < best - 1e-15) {
                best = d;
                arg = new double[] {a * s[0], a * s[1], a * s[2], a * s[3]};
            }
        }
        double[] got = BinaryProjection.project(Nd4j.create(w)).toDoubleVector();
        double d = 0;
        for (int j = 0; j < 4; j++) {
            d += (got[j] - w[j]) * (got[j] - w[j]);
        }
        assertEquals(best, d, 1e-15, "distance of proj_Q(w) to w against the best over Q");
        assertEquals(Math.abs(arg[0]), Math.abs(got[0]), 1e-15);
    }
}
