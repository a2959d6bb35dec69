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
}
