package io.slimkws.paper;

import io.slimkws.prox.BinaryProjection;
import io.slimkws.prox.ElementThreshold;
import io.slimkws.prox.Elementwise;
import io.slimkws.prox.GroupProx;
import io.slimkws.prox.Penalties;
import io.slimkws.prox.Penalty;
import io.slimkws.prox.SparseGroup;
import io.slimkws.report.Figures;
import io.slimkws.report.Plot;
import io.slimkws.theory.NumericMin;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Notebook 03's checks of Section 3's closed forms against brute-force minimisation: separability
 * of the group penalty, Prox_GL (3.7), Prox_GL0 (3.12) and proj_Q (3.14). The map under test is a
 * parameter, so a test can hand in a wrong one and see the check fail.
 */
public final class ProxChecks {
    private ProxChecks() {}

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    static double dist2(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    static double[] randomGroup(Random rnd, int d, double scale) {
        double[] w = new double[d];
        for (int i = 0; i < d; i++) {
            w[i] = scale * rnd.nextGaussian();
        }
        return w;
    }

    /**
     * The largest difference between minimising λ Σ_g ||y_g|| + ½||y − w||² jointly and group by
     * group (0: separable).
     */
    public static double separability(Random rnd, double lambda, int d, int groups) {
        double[][] ws = new double[groups][];
        double[] flat = new double[d * groups];
        for (int g = 0; g < groups; g++) {
            ws[g] = randomGroup(rnd, d, 0.1 + 0.15 * g);
            System.arraycopy(ws[g], 0, flat, g * d, d);
        }
        double[] joint =
                NumericMin.minimize(
                        y -> {
                            double s = 0.5 * dist2(y, flat);
                            for (int g = 0; g < groups; g++) {
                                s += lambda * norm(Arrays.copyOfRange(y, g * d, g * d + d));
                            }
                            return s;
                        },
                        flat,
                        0.1,
                        8);
        double worst = 0;
        for (int g = 0; g < groups; g++) {
            double[] wg = ws[g];
            double[] sep =
                    NumericMin.minimize(y -> lambda * norm(y) + 0.5 * dist2(y, wg), wg, 0.1, 8);
            for (int i = 0; i < d; i++) {
                worst = Math.max(worst, Math.abs(sep[i] - joint[g * d + i]));
            }
        }
        return worst;
    }

    private static double[] applyToGroup(GroupProx p, double[] wg) {
        // One group of 4 weights laid out as conv weights [out=4, in=1, 1, 1]: groups are input
        // channels.
        return p.apply(
                        Nd4j.create(wg, new long[] {wg.length, 1, 1, 1}, 'c')
                                .castTo(DataType.DOUBLE))
                .data()
                .asDouble();
    }

    /** Brute-force minimiser of f, or 0 when 0 is better (the minimiser may sit at the kink). */
    private static double[] brute(ToDoubleFunction<double[]> f, double[] start, int restarts) {
        double[] b = NumericMin.minimize(f, start, 0.1, restarts);
        double[] zero = new double[start.length];
        return f.applyAsDouble(zero) < f.applyAsDouble(b) ? zero : b;
    }

    /**
     * Prox_GL's closed form against brute force on random groups, one row each; {@code proxAt(λ)}
     * is the map under test.
     */
    public static Table groupLasso(Random rnd, DoubleFunction<GroupProx> proxAt) {
        Table rows =
                Table.create(
                        "Prox_GL: closed form (3.7) vs brute force",
                        DoubleColumn.create("lambda"),
                        DoubleColumn.create("||w_g||"),
                        DoubleColumn.create("||y*|| brute force"),
                        DoubleColumn.create("||w_g|| - lambda, if > 0"),
                        DoubleColumn.create("max |closed - brute|"),
                        StringColumn.create("closed form beaten?"));
        for (double l : new double[] {0.05, 0.2, 0.5, 1.0}) {
            for (int t = 0; t < 3; t++) {
                double[] wg = randomGroup(rnd, 4, 0.4 * (t + 1));
                ToDoubleFunction<double[]> f = y -> l * norm(y) + 0.5 * dist2(y, wg);
                double[] b = brute(f, wg, 8);
                double[] closed = applyToGroup(proxAt.apply(l), wg);
                double diff = 0;
                for (int i = 0; i < 4; i++) {
                    diff = Math.max(diff, Math.abs(closed[i] - b[i]));
                }
                rows.doubleColumn(0).append(l);
                rows.doubleColumn(1).append(norm(wg));
                rows.doubleColumn(2).append(norm(b));
                rows.doubleColumn(3).append(Math.max(norm(wg) - l, 0));
                rows.doubleColumn(4).append(diff);
                rows.stringColumn(5)
                        .append(
                                f.applyAsDouble(closed) > f.applyAsDouble(b) + 1e-10
                                        ? "YES"
                                        : "no");
            }
        }
        return rows;
    }

    /** Whether every row of {@link #groupLasso} agrees with brute force (to 1e-6, never beaten). */
    public static boolean agrees(Table groupLasso) {
        return !groupLasso.stringColumn(5).contains("YES")
                && groupLasso.doubleColumn(4).max() <= 1e-6;
    }

    /**
     * {agreeing, total}: Prox_GL0's closed form against brute force of λ·[y ≠ 0] + ½||y − w||² on
     * random groups.
     */
    public static int[] groupL0(Random rnd, DoubleFunction<GroupProx> proxAt) {
        int agree = 0;
        int total = 0;
        for (double l : new double[] {0.01, 0.05, 0.2, 0.5}) {
            for (int t = 0; t < 5; t++) {
                double[] wg = randomGroup(rnd, 4, 0.15 * (t + 1));
                ToDoubleFunction<double[]> f = y -> l * (norm(y) != 0 ? 1 : 0) + 0.5 * dist2(y, wg);
                double[] b = brute(f, wg, 6);
                double[] closed = applyToGroup(proxAt.apply(l), wg);
                double diff = 0;
                for (int i = 0; i < 4; i++) {
                    diff = Math.max(diff, Math.abs(closed[i] - b[i]));
                }
                total++;
                if (diff < 1e-6 && f.applyAsDouble(closed) <= f.applyAsDouble(b) + 1e-10) {
                    agree++;
                }
            }
        }
        return new int[] {agree, total};
    }

    /**
     * proj_Q's distance against the best over all 2^D sign patterns (each with its optimal scale,
     * by golden section).
     */
    public static Table binaryProjection(Random rnd) {
        Table proj =
                Table.create(
                        "proj_Q: closed form vs exhaustive search",
                        IntColumn.create("D"),
                        DoubleColumn.create("||proj - w||^2 closed"),
                        DoubleColumn.create("best over 2^D signs"));
        for (int dim : new int[] {2, 4, 6, 8, 10, 12}) {
            double[] w = randomGroup(rnd, dim, 1.0);
            double[] p = BinaryProjection.project(Nd4j.createFromArray(w)).data().asDouble();
            double best = Double.POSITIVE_INFINITY;
            double maxAbs = 0;
            for (double v : w) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
            for (int s = 0; s < (1 << dim); s++) {
                final int sm = s;
                DoubleUnaryOperator f =
                        a -> {
                            double r = 0;
                            for (int i = 0; i < w.length; i++) {
                                double q = ((sm >> i) & 1) == 1 ? 1 : -1;
                                r += (a * q - w[i]) * (a * q - w[i]);
                            }
                            return r;
                        };
                // ||a·q − w||² is a convex quadratic in a: golden-section search finds its minimum.
                double lo = 0;
                double hi = maxAbs + 1;
                for (int it = 0; it < 100; it++) {
                    double m1 = lo + (hi - lo) * 0.381966;
                    double m2 = lo + (hi - lo) * 0.618034;
                    if (f.applyAsDouble(m1) < f.applyAsDouble(m2)) {
                        hi = m2;
                    } else {
                        lo = m1;
                    }
                }
                best = Math.min(best, f.applyAsDouble((lo + hi) / 2));
            }
            proj.intColumn(0).append(dim);
            proj.doubleColumn(1).append(dist2(p, w));
            proj.doubleColumn(2).append(best);
        }
        return proj;
    }

    /** Whether proj_Q is never beaten by the exhaustive search (to 1e-6). */
    public static boolean projectionOptimal(Table binaryProjection) {
        for (int r = 0; r < binaryProjection.rowCount(); r++) {
            if (Math.abs(
                            binaryProjection.doubleColumn(1).get(r)
                                    - binaryProjection.doubleColumn(2).get(r))
                    > 1e-6) {
                return false;
            }
        }
        return true;
    }

    /** ||y*|| against ||w_g||: the identity, Prox_GL (3.7) and Prox_GL0 (3.12), both at λ. */
    public static Plot groupShrinkage(double lambda) {
        int m = 301;
        // Both thresholds on the axis: GL's at λ, GL0's at √(2λ) (0.316 at λ = 0.05), with room
        // after the later one.
        double hi = 2 * Math.max(lambda, Math.sqrt(2 * lambda));
        double[] x = new double[m];
        double[] gl = new double[m];
        double[] gl0 = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = hi * i / (m - 1);
            gl[i] = Math.max(x[i] - lambda, 0);
            gl0[i] = x[i] > Math.sqrt(2 * lambda) ? x[i] : 0;
        }
        Map<String, double[]> maps = new LinkedHashMap<>();
        maps.put("identity", x.clone());
        maps.put("Prox_GL (3.7), λ = " + lambda, gl);
        maps.put("Prox_GL0 (3.12), λ = " + lambda, gl0);
        return Figures.lines(
                "Group shrinkage maps: ||y*|| against ||w_g||", "||w_g||", "||y*||", x, maps);
    }

    /** The element-wise thresholds of the nonconvex family at λ (TL1 with a = 1). */
    public static Plot elementwise(double lambda) {
        int m = 301;
        double[] xs = new double[m];
        for (int i = 0; i < m; i++) {
            xs[i] = -2 + 4.0 * i / (m - 1);
        }
        Map<String, double[]> el = new LinkedHashMap<>();
        for (ElementThreshold t : ElementThreshold.values()) {
            double[] y = new double[m];
            for (int i = 0; i < m; i++) {
                y[i] = t.apply(xs[i], lambda, 1.0);
            }
            el.put(t + (t == ElementThreshold.TL1 ? " (a = 1)" : ""), y);
        }
        return Figures.lines(
                "Element-wise thresholds of the nonconvex family, λ = " + lambda,
                "x",
                "threshold(x)",
                xs,
                el);
    }

    /**
     * The map of every registered penalty of the sparse-group family ({@link Penalties#REGISTERED};
     * the group-wise ones are Prox_GL and Prox_GL0, checked above) against brute force on random
     * groups of four weights with norms spread over (0, 2): dead zone 0.3 and λ = 0.2, so that some
     * weights and some groups go to zero. The reference minimises the inner penalty's problem on
     * the group (weight by weight, by 1-D search, for an element-wise one), then group Lasso's: the
     * thresholding step of Bui et al., exact as a prox for an inner ℓ1 only.
     */
    public static Table penalties(Random rnd) {
        StringColumn key = StringColumn.create("penalty");
        StringColumn label = StringColumn.create("family");
        StringColumn params = StringColumn.create("parameters");
        DoubleColumn threshold = DoubleColumn.create("weights zeroed at or below");
        IntColumn zero = IntColumn.create("groups set to zero");
        IntColumn groups = IntColumn.create("groups");
        DoubleColumn diff = DoubleColumn.create("max |map − brute force|");
        for (Penalty registered : Penalties.REGISTERED) {
            if (!(registered instanceof SparseGroup r)) {
                continue;
            }
            SparseGroup p = new SparseGroup(r.inner().atDeadZone(0.3), 0.2);
            double worst = 0;
            int zeros = 0;
            int n = 40;
            for (int trial = 0; trial < n; trial++) {
                double[] w = randomGroup(rnd, 4, 0.05 + 0.6 * rnd.nextDouble());
                double[] y =
                        p.map()
                                .apply(
                                        Nd4j.create(w, new long[] {1, 1, 1, 4}, 'c')
                                                .castTo(DataType.DOUBLE))
                                .data()
                                .asDouble();
                double[] z = innerBruteForce(p, w);
                double[] ref = bruteForceMin(v -> p.lambda() * norm(v) + 0.5 * dist2(v, z), z);
                for (int i = 0; i < w.length; i++) {
                    worst = Math.max(worst, Math.abs(y[i] - ref[i]));
                }
                zeros += norm(y) == 0 ? 1 : 0;
            }
            key.append(p.key());
            label.append(p.label());
            params.append(p.parameters().toString());
            threshold.append(p.threshold());
            zero.append(zeros);
            groups.append(n);
            diff.append(worst);
        }
        return Table.create(
                "The sparse-group penalties' maps against brute force",
                key,
                label,
                params,
                threshold,
                zero,
                groups,
                diff);
    }

    /**
     * argmin_v inner(v) + ½||v − w||²: weight by weight for an element-wise inner penalty, else
     * from several starts.
     */
    private static double[] innerBruteForce(SparseGroup p, double[] w) {
        if (!(p.inner() instanceof Elementwise)) {
            return bruteForceMin(v -> p.inner().penalty(v) + 0.5 * dist2(v, w), w);
        }
        double[] z = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            double x = w[i];
            DoubleUnaryOperator f =
                    t -> p.inner().penalty(new double[] {t}) + 0.5 * (t - x) * (t - x);
            double t = NumericMin.minimize1d(f, -Math.abs(x) - 1, Math.abs(x) + 1);
            z[i] = f.applyAsDouble(0) <= f.applyAsDouble(t) ? 0 : t;
        }
        return z;
    }

    /**
     * Numeric argmin from several starts: w, 0, and each 1-sparse copy of w (where nonconvex maps
     * put their minimisers); 0 itself is a candidate.
     */
    static double[] bruteForceMin(ToDoubleFunction<double[]> f, double[] w) {
        double[] best = new double[w.length];
        List<double[]> starts = new ArrayList<>();
        starts.add(w.clone());
        for (int i = 0; i < w.length; i++) {
            double[] s = new double[w.length];
            s[i] = w[i];
            starts.add(s);
        }
        for (double[] s : starts) {
            double[] x = NumericMin.minimize(f, s, 0.1, 6);
            if (f.applyAsDouble(x) < f.applyAsDouble(best)) {
                best = x;
            }
            if (f.applyAsDouble(s) < f.applyAsDouble(best)) {
                best = s.clone();
            }
        }
        return best;
    }
}
