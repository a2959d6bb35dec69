package io.slimkws.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The brute-force reference itself, on functions whose minimiser is known by hand. */
class NumericMinTest {
    @Test
    void nelderMeadFindsTheMinimumOfAShiftedQuadraticAndOfANonSmoothFunction() {
        double[] x =
                NumericMin.minimize(
                        v ->
                                Math.pow(v[0] - 1, 2)
                                        + 3 * Math.pow(v[1] + 2, 2)
                                        + 0.5 * Math.pow(v[2] - 3, 2),
                        new double[] {0, 0, 0},
                        0.5,
                        4);
        assertEquals(1, x[0], 1e-6);
        assertEquals(-2, x[1], 1e-6);
        assertEquals(3, x[2], 1e-6);
        // A kink at the minimum, as the proximal objectives have at zero.
        double[] y =
                NumericMin.minimize(
                        v -> Math.abs(v[0] - 0.25) + 2 * Math.abs(v[1] + 0.75),
                        new double[] {1, 1},
                        0.3,
                        6);
        assertEquals(0.25, y[0], 1e-7);
        assertEquals(-0.75, y[1], 1e-7);
        // Rosenbrock's valley: minimum at (1, 1).
        double[] r =
                NumericMin.minimize(
                        v -> 100 * Math.pow(v[1] - v[0] * v[0], 2) + Math.pow(1 - v[0], 2),
                        new double[] {-1.2, 1},
                        0.5,
                        6);
        assertEquals(1, r[0], 1e-5);
        assertEquals(1, r[1], 1e-5);
    }

    @Test
    void theOneDimensionalSearchFindsInteriorKinkedAndBoundaryMinima() {
        assertEquals(0.3, NumericMin.minimize1d(t -> (t - 0.3) * (t - 0.3), -1, 1), 1e-8);
        assertEquals(0.1234567, NumericMin.minimize1d(t -> Math.abs(t - 0.1234567), -2, 3), 1e-9);
        assertEquals(-0.75, NumericMin.minimize1d(t -> Math.abs(t + 0.75) + 0.5, -1, 1), 1e-9);
        // Increasing on the interval: the minimum is its left end; decreasing: its right end.
        assertEquals(0.5, NumericMin.minimize1d(t -> t, 0.5, 2), 1e-12);
        assertEquals(2, NumericMin.minimize1d(t -> -t, 0.5, 2), 1e-12);
        // Two local minima (−1 and 1.5): the global one at 1.5 is found even from a grid that sees
        // both.
        assertEquals(
                1.5,
                NumericMin.minimize1d(
                        t -> Math.min((t + 1) * (t + 1) + 0.1, (t - 1.5) * (t - 1.5)), -3, 3),
                1e-8);
    }

    @Test
    void theSimplexHelpersAreTheTextbookOnes() {
        // c + t (x − c): reflection t = −1, expansion −2, contraction 0.5.
        double[] c = {1, 2};
        double[] x = {3, -2};
        assertEquals(-1, NumericMin.lin(c, x, -1)[0], 0.0);
        assertEquals(6, NumericMin.lin(c, x, -1)[1], 0.0);
        assertEquals(2, NumericMin.lin(c, x, 0.5)[0], 0.0);
        assertEquals(
                0.25, NumericMin.spread(new double[][] {{0, 0}, {0.25, -0.1}, {-0.2, 0}}), 0.0);
    }
}
