package io.slimkws.theory;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * Derivative-free minimisation (Nelder-Mead with restarts), the independent brute-force reference
 * for closed-form proximal maps in tests and notebooks: it knows nothing of their derivations.
 */
public final class NumericMin {
    private NumericMin() {}

    public static double[] minimize(
            ToDoubleFunction<double[]> f, double[] start, double step, int restarts) {
        double[] best = start.clone();
        double s = step;
        for (int r = 0; r < restarts; r++) {
            best = run(f, best, s, 20000);
            s = Math.max(s * 0.1, 1e-9);
        }
        return best;
    }

    static double[] run(ToDoubleFunction<double[]> f, double[] x0, double step, int iterations) {
        int n = x0.length;
        double[][] p = new double[n + 1][];
        p[0] = x0.clone();
        for (int i = 0; i < n; i++) {
            p[i + 1] = x0.clone();
            p[i + 1][i] += step;
        }
        double[] v = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            v[i] = f.applyAsDouble(p[i]);
        }
        for (int it = 0; it < iterations; it++) {
            Integer[] idx = new Integer[n + 1];
            for (int i = 0; i <= n; i++) {
                idx[i] = i;
            }
            final double[] vv = v;
            Arrays.sort(idx, Comparator.comparingDouble(i -> vv[i]));
            double[][] q = new double[n + 1][];
            double[] w = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                q[i] = p[idx[i]];
                w[i] = v[idx[i]];
            }
            p = q;
            v = w;
            if (Math.abs(v[n] - v[0]) < 1e-16 && spread(p) < 1e-12) {
                break;
            }
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    c[j] += p[i][j] / n;
                }
            }
            double[] xr = lin(c, p[n], -1);
            double fr = f.applyAsDouble(xr);
            if (fr < v[0]) {
                double[] xe = lin(c, p[n], -2);
                double fe = f.applyAsDouble(xe);
                if (fe < fr) {
                    p[n] = xe;
                    v[n] = fe;
                } else {
                    p[n] = xr;
                    v[n] = fr;
                }
            } else if (fr < v[n - 1]) {
                p[n] = xr;
                v[n] = fr;
            } else {
                double[] xc = lin(c, p[n], 0.5);
                double fc = f.applyAsDouble(xc);
                if (fc < v[n]) {
                    p[n] = xc;
                    v[n] = fc;
                } else {
                    for (int i = 1; i <= n; i++) {
                        p[i] = lin(p[0], p[i], 0.5);
                        v[i] = f.applyAsDouble(p[i]);
                    }
                }
            }
        }
        int b = 0;
        for (int i = 1; i <= n; i++) {
            if (v[i] < v[b]) {
                b = i;
            }
        }
        return p[b];
    }

    /** c + t (x - c). */
    static double[] lin(double[] c, double[] x, double t) {
        double[] r = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            r[i] = c[i] + t * (x[i] - c[i]);
        }
        return r;
    }

    static double spread(double[][] p) {
        double m = 0;
        for (double[] x : p) {
            for (int j = 0; j < x.length; j++) {
                m = Math.max(m, Math.abs(x[j] - p[0][j]));
            }
        }
        return m;
    }

    /** Minimum of a 1-D function on [lo, hi]: dense grid, then Nelder-Mead from the best point. */
    public static double minimize1d(DoubleUnaryOperator f, double lo, double hi) {
        int n = 20001;
        double best = lo;
        double bv = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double x = lo + (hi - lo) * i / (n - 1);
            double v = f.applyAsDouble(x);
            if (v < bv) {
                bv = v;
                best = x;
            }
        }
        // The refinement searches within [lo, hi] only (a point outside is read as its nearest
        // end).
        double[] r =
                minimize(
                        y -> f.applyAsDouble(clamp(y[0], lo, hi)),
                        new double[] {best},
                        (hi - lo) / n,
                        4);
        double x = clamp(r[0], lo, hi);
        return f.applyAsDouble(x) < bv ? x : best;
    }

    private static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }
}
