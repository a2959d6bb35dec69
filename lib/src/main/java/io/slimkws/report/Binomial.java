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
}
