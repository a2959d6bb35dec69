package io.slimkws.prox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slimkws.theory.NumericMin;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every closed form against derivative-free numeric minimisation of its defining problem, for
 * random groups over a grid of λ: the closed form is never beaten, and matches the numeric
 * minimiser to 1e-6.
 */
class ProxBruteForceTest {
    static final double[] LAMBDAS = {0.0, 0.01, 0.05, 0.1, 0.3, 0.5, 0.8, 1.2, 2.0};
    static final int OUT = 2;
    static final int GROUPS = 8;
    static final int KW = 2; // group size D = OUT * 1 * KW = 4

    /** Random conv weights [2, 8, 1, 2] in double, with group norms spread over (0, ~2.5). */
    static INDArray weights(Random r) {
        double[] v = new double[OUT * GROUPS * KW];
        for (int o = 0; o < OUT; o++) {
            for (int g = 0; g < GROUPS; g++) {
                double scale = 0.05 + 0.3 * g;
                for (int k = 0; k < KW; k++) {
                    v[(o * GROUPS + g) * KW + k] = r.nextGaussian() * scale;
                }
            }
        }
        return Nd4j.create(v, new long[] {OUT, GROUPS, 1, KW}, 'c').castTo(DataType.DOUBLE);
    }

    static double[] group(INDArray w, int g) {
        double[] out = new double[OUT * KW];
        for (int o = 0; o < OUT; o++) {
            for (int k = 0; k < KW; k++) {
                out[o * KW + k] = w.getDouble(o, g, 0, k);
            }
        }
        return out;
    }

    static double norm(double[] y) {
        double s = 0;
        for (double v : y) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    static double dist2(double[] y, double[] w) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (y[i] - w[i]) * (y[i] - w[i]);
        }
        return s;
    }

    /**
     * Numeric argmin from several starts (w, 0, a random point), keeping the best; 0 is also a
     * candidate.
     */
    static double[] bruteForce(ToDoubleFunction<double[]> f, double[] w, Random r) {
        double[][] starts = {w.clone(), new double[w.length], w.clone()};
        for (int i = 0; i < w.length; i++) {
            starts[2][i] = r.nextGaussian();
        }
        double[] best = new double[w.length]; // the zero vector
        for (double[] s : starts) {
            double[] x = NumericMin.minimize(f, s, 0.1, 6);
            if (f.applyAsDouble(x) < f.applyAsDouble(best)) {
                best = x;
            }
        }
        return best;
    }

    static void assertClosedFormWins(
            ToDoubleFunction<double[]> f, double[] closed, double[] brute, String what) {
        double fc = f.applyAsDouble(closed);
        double fb = f.applyAsDouble(brute);
        assertTrue(fc <= fb + 1e-10, what + ": closed form " + fc + " beaten by brute force " + fb);
        for (int i = 0; i < closed.length; i++) {
            assertEquals(brute[i], closed[i], 1e-6, what + " coordinate " + i);
        }
    }

    @Test
    void groupLassoProxSolves35() {
        Random r = new Random(35);
        for (int trial = 0; trial < 3; trial++) {
            INDArray w = weights(r);
            for (double lambda : LAMBDAS) {
                INDArray y = new GroupLassoProx(lambda).apply(w);
                for (int g = 0; g < GROUPS; g++) {
                    double[] wg = group(w, g);
                    ToDoubleFunction<double[]> f = v -> lambda * norm(v) + 0.5 * dist2(v, wg);
                    assertClosedFormWins(
                            f, group(y, g), bruteForce(f, wg, r), "GL λ=" + lambda + " group " + g);
                }
            }
        }
    }

    @Test
    void groupL0ProxSolves311() {
        Random r = new Random(311);
        for (int trial = 0; trial < 3; trial++) {
            INDArray w = weights(r);
            for (double lambda : LAMBDAS) {
                INDArray y = new GroupL0Prox(lambda).apply(w);
                for (int g = 0; g < GROUPS; g++) {
                    double[] wg = group(w, g);
                    if (Math.abs(0.5 * dist2(new double[wg.length], wg) - lambda) < 1e-9) {
                        continue; // exact tie: both 0 and w_g minimise
                    }
                    ToDoubleFunction<double[]> f =
                            v -> lambda * (norm(v) != 0 ? 1 : 0) + 0.5 * dist2(v, wg);
                    assertClosedFormWins(
                            f,
                            group(y, g),
                            bruteForce(f, wg, r),
                            "GL0 λ=" + lambda + " group " + g);
                }
            }
        }
    }

    @Test
    void elementThresholdsAreScalarProxes() {
        double[] xs = {-3.1, -1.2, -0.6, -0.31, -0.05, 0.0, 0.02, 0.27, 0.49, 0.9, 1.7, 4.0};
        double[] as = {0.5, 1.0, 3.0};
        for (ElementThreshold t : ElementThreshold.values()) {
            for (double lambda : new double[] {0.01, 0.1, 0.3, 0.7, 1.5}) {
                for (double a : as) {
                    for (double x : xs) {
                        DoubleUnaryOperator f =
                                y -> lambda * t.penalty(y, a) + 0.5 * (y - x) * (y - x);
                        double brute = NumericMin.minimize1d(f, -Math.abs(x) - 1, Math.abs(x) + 1);
                        if (f.applyAsDouble(0) < f.applyAsDouble(brute)) {
                            brute = 0;
                        }
                        double closed = t.apply(x, lambda, a);
                        double fc = f.applyAsDouble(closed);
                        double fb = f.applyAsDouble(brute);
                        if (Math.abs(fc - fb) < 1e-12 && Math.abs(closed - brute) > 1e-3) {
                            continue; // a tie between two minimisers (at the threshold)
                        }
                        assertTrue(
                                fc <= fb + 1e-10,
                                t + " λ=" + lambda + " a=" + a + " x=" + x + ": " + fc + " > "
                                        + fb);
                        assertEquals(
                                brute, closed, 1e-6, t + " λ=" + lambda + " a=" + a + " x=" + x);
                    }
                    if (t != ElementThreshold.TL1) {
                        break; // a only matters for TL1
                    }
                }
            }
        }
    }

    @Test
    void lambdaForPutsTheDeadZoneOfTheBruteForceMinimiserAtT() {
        // For λ = lambdaFor(t): the minimiser of λρ(y) + (y - x)²/2 found by search is 0 at |x| =
        // 0.95 t
        // and strictly better than 0 at |x| = 1.05 t; both branches of transformed ℓ1 (t < a/2 and
        // t > a/2).
        for (ElementThreshold e : ElementThreshold.values()) {
            for (double t : new double[] {0.0003, 0.0025, 0.3, 0.8, 2.0}) {
                for (double a : new double[] {0.5, 1.0, 3.0}) {
                    double lambda = e.lambdaFor(t, a);
                    for (double x : new double[] {0.95 * t, -0.95 * t, 1.05 * t, -1.05 * t}) {
                        DoubleUnaryOperator f =
                                y -> lambda * e.penalty(y, a) + 0.5 * (y - x) * (y - x);
                        double fBest =
                                Math.min(
                                        f.applyAsDouble(0),
                                        f.applyAsDouble(
                                                NumericMin.minimize1d(
                                                        f, -2 * Math.abs(x), 2 * Math.abs(x))));
                        String what = e + " t=" + t + " a=" + a + " x=" + x;
                        if (Math.abs(x) < t) {
                            assertTrue(
                                    f.applyAsDouble(0) <= fBest * (1 + 1e-9),
                                    what + ": something beats 0 inside the dead zone");
                        } else {
                            assertTrue(
                                    fBest < f.applyAsDouble(0) * (1 - 1e-4),
                                    what + ": 0 still the minimiser outside the dead zone");
                        }
                        assertEquals(
                                Math.abs(x) < t,
                                e.apply(x, lambda, a) == 0,
                                what + ": the closed form's dead zone");
                    }
                    assertEquals(
                            t,
                            e.zeroBelow(lambda, a),
                            1e-12 * Math.max(1, t),
                            e + " t=" + t + " a=" + a);
                }
            }
        }
    }

    @Test
    void sparseGroupL1IsTheExactProxOfTheSum() {
        Random r = new Random(7);
        INDArray w = weights(r);
        for (double le : new double[] {0.02, 0.2}) {
            for (double lg : new double[] {0.05, 0.5}) {
                INDArray y =
                        new SparseGroupProx(new Elementwise(ElementThreshold.L1, le, 1), lg)
                                .apply(w);
                for (int g = 0; g < GROUPS; g++) {
                    double[] wg = group(w, g);
                    ToDoubleFunction<double[]> f =
                            v -> {
                                double l1 = 0;
                                for (double x : v) {
                                    l1 += Math.abs(x);
                                }
                                return le * l1 + lg * norm(v) + 0.5 * dist2(v, wg);
                            };
                    assertClosedFormWins(
                            f,
                            group(y, g),
                            bruteForce(f, wg, r),
                            "SGL-L1 " + le + "," + lg + " group " + g);
                }
            }
        }
    }

    @Test
    void binaryProjectionIsTheClosestPointOfQ() {
        Random r = new Random(314);
        for (int d = 1; d <= 12; d++) {
            for (int trial = 0; trial < 3; trial++) {
                double[] w = new double[d];
                for (int i = 0; i < d; i++) {
                    w[i] = r.nextGaussian();
                }
                if (trial == 2) {
                    w[0] = 0; // sgn(0) = +1
                }
                INDArray p = BinaryProjection.project(Nd4j.createFromArray(w));
                double closed = 0;
                for (int i = 0; i < d; i++) {
                    closed += Math.pow(p.getDouble(i) - w[i], 2);
                }
                // Exhaustive over the 2^d sign vectors, the scale by 1-D search on [0, max|w| + 1].
                double best = Double.POSITIVE_INFINITY;
                double maxAbs = 0;
                for (double v : w) {
                    maxAbs = Math.max(maxAbs, Math.abs(v));
                }
                for (int mask = 0; mask < (1 << d); mask++) {
                    final int m = mask;
                    DoubleUnaryOperator f =
                            a -> {
                                double s = 0;
                                for (int i = 0; i < w.length; i++) {
                                    double q = ((m >> i) & 1) == 1 ? 1 : -1;
                                    s += (a * q - w[i]) * (a * q - w[i]);
                                }
                                return s;
                            };
                    double a =
                            d <= 8
                                    ? NumericMin.minimize1d(f, 0, maxAbs + 1)
                                    : bestOnGrid(f, maxAbs + 1);
                    best = Math.min(best, f.applyAsDouble(a));
                }
                assertTrue(
                        closed <= best + 1e-9,
                        "D=" + d + ": closed " + closed + " beaten by " + best);
                assertEquals(best, closed, 1e-6, "D=" + d);
            }
        }
    }

    /**
     * Quick 1-D search for large D (4096 patterns): coarse grid then golden section (unimodal: a
     * quadratic in a).
     */
    static double bestOnGrid(DoubleUnaryOperator f, double hi) {
        double lo = 0;
        for (int it = 0; it < 200; it++) {
            double m1 = lo + (hi - lo) * 0.381966;
            double m2 = lo + (hi - lo) * 0.618034;
            if (f.applyAsDouble(m1) < f.applyAsDouble(m2)) {
                hi = m2;
            } else {
                lo = m1;
            }
        }
        return (lo + hi) / 2;
    }

    @Test
    void binaryProjectionKeepsMaskedWeightsAtZero() {
        INDArray w = Nd4j.createFromArray(new double[] {0.5, -2.0, 3.0, -1.0});
        INDArray mask = Nd4j.createFromArray(new double[] {1, 1, 0, 1});
        INDArray p = BinaryProjection.project(w, mask);
        double a = (0.5 + 2.0 + 1.0) / 3; // hand-derived: mean |w| over the unmasked weights
        assertEquals(a, p.getDouble(0), 1e-12);
        assertEquals(-a, p.getDouble(1), 1e-12);
        assertEquals(0.0, p.getDouble(2), 0);
        assertEquals(-a, p.getDouble(3), 1e-12);
    }
}
