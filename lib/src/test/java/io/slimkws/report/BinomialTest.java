package io.slimkws.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The Wilson interval against values worked out by hand from its formula. */
class BinomialTest {
    @Test
    void fiftyOfAHundred() {
        // p = 0.5, n = 100, z² = 3.8415: centre 0.5, half = 1.96·sqrt(0.0025 + 0.000096) / 1.038415
        // = 0.09617.
        assertArrayEquals(new double[] {40.383, 59.617}, Binomial.wilson95(50, 100), 1e-3);
    }

    @Test
    void noneCorrectStillHasAWidth() {
        // p = 0, n = 10: centre = (0.19207) / 1.38415 = 0.13877, half the same: [0, 27.75].
        double[] w = Binomial.wilson95(0, 10);
        assertEquals(0.0, w[0], 1e-9);
        assertEquals(27.75, w[1], 0.01);
    }

    @Test
    void aValidationSetOf505ClipsAt78Percent() {
        // 394 of 505: the interval the mini tables show, asymmetric about 78.0.
        assertEquals("[74.2, 81.4]", Binomial.wilson95Text(78.0, 505));
        assertThrows(IllegalArgumentException.class, () -> Binomial.wilson95(50, 0));
    }

    /** n clips: the first n10 only a right, the next n01 only b right, then both right / wrong. */
    private static boolean[][] pairs(int n10, int n01, int both, int neither) {
        int n = n10 + n01 + both + neither;
        boolean[] a = new boolean[n];
        boolean[] b = new boolean[n];
        for (int i = 0; i < n; i++) {
            a[i] = i < n10 || (i >= n10 + n01 && i < n10 + n01 + both);
            b[i] = (i >= n10 && i < n10 + n01) || (i >= n10 + n01 && i < n10 + n01 + both);
        }
        return new boolean[][] {a, b};
    }

    @Test
    void aPairedDifferenceWorkedByHand() {
        // n = 100, n10 = 15, n01 = 5: d = 0.10; Var = (20 − 10²/100)/100² = 0.0019, se = 0.043589,
        // half = 1.959964 · 0.043589 = 0.085433: [1.457, 18.543] pp.
        boolean[][] p = pairs(15, 5, 60, 20);
        assertArrayEquals(
                new double[] {10.0, 1.4567, 18.5433},
                Binomial.pairedDifference95(p[0], p[1]),
                1e-3);
        // Swapped, the sign flips and the interval mirrors.
        assertArrayEquals(
                new double[] {-10.0, -18.5433, -1.4567},
                Binomial.pairedDifference95(p[1], p[0]),
                1e-3);
        // The clips both get right carry nothing: 0 vs 0 disagreements is exactly 0, no width.
        boolean[][] same = pairs(0, 0, 70, 30);
        assertArrayEquals(new double[] {0, 0, 0}, Binomial.pairedDifference95(same[0], same[1]), 0);
        // (Two independent samples at 75 % and 65 % would give se = sqrt(.75·.25/100 + .65·.35/100)
        // = 0.0644: the pairing is what narrows it to 0.0436.)
        assertThrows(
                IllegalArgumentException.class,
                () -> Binomial.pairedDifference95(new boolean[3], new boolean[4]));
    }
}
