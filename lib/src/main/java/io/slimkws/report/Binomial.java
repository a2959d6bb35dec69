package io.slimkws.report;

import java.util.Locale;

/**
 * Uncertainty of an accuracy measured on n clips: the 95 % Wilson score interval of a binomial
 * proportion (better than p ± 1.96·se near 0 % or 100 % and on small sets).
 */
public final class Binomial {
    /** The normal quantile of a two-sided 95 % interval. */
    public static final double Z95 = 1.959963984540054;

    private Binomial() {}

    /** {low, high} in % for an accuracy of {@code pct} % on {@code n} clips. */
    public static double[] wilson95(double pct, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("an interval needs at least one clip, got n = " + n);
        }
        double p = Math.max(0, Math.min(1, pct / 100));
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2.0 * n)) / (1 + z2 / n);
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new double[] {100 * (centre - half), 100 * (centre + half)};
    }

    /** "[74.6, 81.8]": the interval with one decimal, as the tables show it. */
    public static String wilson95Text(double pct, int n) {
        double[] w = wilson95(pct, n);
        return String.format(Locale.ROOT, "[%.1f, %.1f]", w[0], w[1]);
    }

    /**
     * The difference in accuracy (percentage points) of two classifiers on the same clips, a − b,
     * with its 95 % interval: {difference, low, high}. Paired, because both saw the same clips:
     * with n10 clips only a gets right and n01 only b, d = (n10 − n01)/n and Var(d) = ((n10 + n01)
     * − (n10 − n01)²/n)/n² (the Wald interval of paired proportions, Agresti, Categorical Data
     * Analysis, 10.1); the clips both get right or both wrong carry no information on the
     * difference.
     */
    public static double[] pairedDifference95(boolean[] a, boolean[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException(
                    "a paired difference needs the same clips, at least one: got "
                            + a.length
                            + " and "
                            + b.length);
        }
        int n10 = 0;
        int n01 = 0;
        for (int i = 0; i < a.length; i++) {
            n10 += a[i] && !b[i] ? 1 : 0;
            n01 += !a[i] && b[i] ? 1 : 0;
        }
        double n = a.length;
        double d = (n10 - n01) / n;
        double half =
                Z95
                        * Math.sqrt(
                                Math.max(0, (n10 + n01) - (n10 - n01) * (double) (n10 - n01) / n))
                        / n;
        return new double[] {100 * d, 100 * (d - half), 100 * (d + half)};
    }
}
