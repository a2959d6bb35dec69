package io.slimkws.theory;

import io.slimkws.prox.Lagrangian;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Theorem 1 on a problem where all its hypotheses hold and every quantity is exact: one convolution
 * layer (C input channels, kernel K, linear output) on Gaussian input, squared loss against a
 * teacher whose second half of channels is zero, full-batch gradients.
 *
 * <p>ℓ(w) = 1/(2N) Σ_n ||conv(x_n, w) - y_n||^2 is quadratic, so ∇ℓ is Lipschitz with L = the
 * largest eigenvalue of its Hessian A (found by power iteration). RGSM alternates the exact
 * u-minimisation u = Prox_GL,λ(w) with a gradient step on w of ℓ(w) + β/2 ||w - u||^2, whose
 * gradient is (L + β)-Lipschitz; the descent lemma then makes L_β(u, w) = ℓ(w) + βλ||u||_GL + β/2
 * ||w - u||^2 non-increasing for η ≤ 1/(L + β) (a sufficient choice of η0 in Theorem 1).
 */
public final class ToyRgsm {
    public final int channels;
    public final int kernel;
    public final int length;
    public final int samples;
    private final double[][][] x; // [n][c][t]
    private final double[][] y; // [n][t']
    public final double[] teacher; // [c * kernel]
    private final double[][] hessian;
    private final double[] linear;
    private final double constant;

    public ToyRgsm(int channels, int kernel, int length, int samples, double noise, long seed) {
        this.channels = channels;
        this.kernel = kernel;
        this.length = length;
        this.samples = samples;
        Random r = new Random(seed);
        int d = channels * kernel;
        teacher = new double[d];
        for (int c = 0; c < channels / 2; c++) {
            for (int k = 0; k < kernel; k++) {
                teacher[c * kernel + k] = r.nextGaussian();
            }
        }
        int out = length - kernel + 1;
        x = new double[samples][channels][length];
        y = new double[samples][out];
        for (int n = 0; n < samples; n++) {
            for (int c = 0; c < channels; c++) {
                for (int t = 0; t < length; t++) {
                    x[n][c][t] = r.nextGaussian();
                }
            }
            double[] o = conv(x[n], teacher);
            for (int t = 0; t < out; t++) {
                y[n][t] = o[t] + noise * r.nextGaussian();
            }
        }
        // ℓ(w) = 1/2 w'Aw - b'w + c0 exactly.
        hessian = new double[d][d];
        linear = new double[d];
        double c0 = 0;
        for (int n = 0; n < samples; n++) {
            for (int t = 0; t < out; t++) {
                double[] z = patch(x[n], t);
                for (int i = 0; i < d; i++) {
                    linear[i] += z[i] * y[n][t] / samples;
                    for (int j = 0; j < d; j++) {
                        hessian[i][j] += z[i] * z[j] / samples;
                    }
                }
                c0 += 0.5 * y[n][t] * y[n][t] / samples;
            }
        }
        constant = c0;
    }

    double[] patch(double[][] xn, int t) {
        double[] z = new double[channels * kernel];
        for (int c = 0; c < channels; c++) {
            for (int k = 0; k < kernel; k++) {
                z[c * kernel + k] = xn[c][t + k];
            }
        }
        return z;
    }

    double[] conv(double[][] xn, double[] w) {
        int out = length - kernel + 1;
        double[] o = new double[out];
        for (int t = 0; t < out; t++) {
            double s = 0;
            for (int c = 0; c < channels; c++) {
                for (int k = 0; k < kernel; k++) {
                    s += w[c * kernel + k] * xn[c][t + k];
                }
            }
            o[t] = s;
        }
        return o;
    }

    /** The loss computed from the data, sample by sample (not from A, b). */
    public double loss(double[] w) {
        double s = 0;
        for (int n = 0; n < samples; n++) {
            double[] o = conv(x[n], w);
            for (int t = 0; t < o.length; t++) {
                s += 0.5 * (o[t] - y[n][t]) * (o[t] - y[n][t]);
            }
        }
        return s / samples;
    }

    /** Full-batch gradient A w - b. */
    public double[] gradient(double[] w) {
        double[] g = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            double s = -linear[i];
            for (int j = 0; j < w.length; j++) {
                s += hessian[i][j] * w[j];
            }
            g[i] = s;
        }
        return g;
    }

    /** L: the largest eigenvalue of A, by power iteration. */
    public double lipschitz() {
        double[] v = new double[linear.length];
        Arrays.fill(v, 1.0);
        double lambda = 0;
        for (int it = 0; it < 2000; it++) {
            double[] av = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                for (int j = 0; j < v.length; j++) {
                    av[i] += hessian[i][j] * v[j];
                }
            }
            double norm = Math.sqrt(dot(av, av));
            lambda = norm / Math.sqrt(dot(v, v));
            for (int i = 0; i < v.length; i++) {
                v[i] = av[i] / norm;
            }
        }
        return lambda;
    }

    public double[] prox(double[] w, double lambda) {
        double[] u = w.clone();
        for (int c = 0; c < channels; c++) {
            double n = 0;
            for (int k = 0; k < kernel; k++) {
                n += w[c * kernel + k] * w[c * kernel + k];
            }
            n = Math.sqrt(n);
            double f = n > lambda ? (n - lambda) / n : 0;
            for (int k = 0; k < kernel; k++) {
                u[c * kernel + k] *= f;
            }
        }
        return u;
    }

    public double groupNorm(double[] u) {
        double s = 0;
        for (int c = 0; c < channels; c++) {
            double n = 0;
            for (int k = 0; k < kernel; k++) {
                n += u[c * kernel + k] * u[c * kernel + k];
            }
            s += Math.sqrt(n);
        }
        return s;
    }

    /** One iterate of RGSM and its diagnostics. */
    public record Iterate(
            int t,
            double lagrangian,
            double loss,
            double deltaUw,
            double proxResidual,
            double equilibriumResidual,
            int zeroGroups) {}

    /**
     * Runs RGSM (3.8) for {@code steps} iterations from a fixed start; returns one row per
     * iteration.
     */
    public List<Iterate> run(double lambda, double beta, double eta, int steps, long seed) {
        Random r = new Random(seed);
        double[] w = new double[linear.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.1 * r.nextGaussian();
        }
        double[] u = prox(w, lambda);
        List<Iterate> out = new ArrayList<>();
        for (int t = 0; t <= steps; t++) {
            double[] g = gradient(w);
            double lag = Lagrangian.of(loss(w), beta, lambda * groupNorm(u), dist2(w, u));
            // Residuals of the equilibrium system (3.9) at the current iterate.
            double proxRes = Math.sqrt(dist2(u, prox(w, lambda)));
            double[] e = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                e[i] = g[i] - beta * (u[i] - w[i]);
            }
            double eqRes = Math.sqrt(dot(e, e));
            double[] wNext = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                wNext[i] = w[i] - eta * g[i] - eta * beta * (w[i] - u[i]);
            }
            double[] uNext = prox(wNext, lambda);
            double delta = Math.sqrt(dist2(wNext, w) + dist2(uNext, u));
            int zero = 0;
            for (int c = 0; c < channels; c++) {
                boolean allZero = true;
                for (int k = 0; k < kernel; k++) {
                    allZero &= u[c * kernel + k] == 0;
                }
                zero += allZero ? 1 : 0;
            }
            out.add(new Iterate(t, lag, loss(w), delta, proxRes, eqRes, zero));
            w = wNext;
            u = uNext;
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double dist2(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    public double constant() {
        return constant;
    }
}
