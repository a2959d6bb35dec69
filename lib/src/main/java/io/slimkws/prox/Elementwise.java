package io.slimkws.prox;

import java.util.LinkedHashMap;

/**
 * An element-wise inner penalty λ_e Σ_i ρ(w_i) with ρ one of the scalar penalties of {@link
 * ElementThreshold} (a: transformed ℓ1's shape).
 */
public record Elementwise(ElementThreshold threshold, double lambdaElement, double a)
        implements InnerProx {
    @Override
    public String key() {
        return threshold.name();
    }

    @Override
    public String label() {
        return switch (threshold) {
            case L1 -> "ℓ1";
            case L0 -> "ℓ0";
            case TL1 -> "transformed ℓ1";
        };
    }

    @Override
    public LinkedHashMap<String, Double> parameters() {
        return Penalty.named("lambdaElement", lambdaElement, "a", a);
    }

    @Override
    public double[] apply(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = threshold.apply(x[i], lambdaElement, a);
        }
        return y;
    }

    @Override
    public double penalty(double[] x) {
        double e = 0;
        for (double v : x) {
            e += threshold.penalty(v, a);
        }
        return lambdaElement * e;
    }

    @Override
    public double zeroBelow() {
        return threshold.zeroBelow(lambdaElement, a);
    }

    @Override
    public InnerProx atDeadZone(double t) {
        return new Elementwise(threshold, Penalty.round10(threshold.lambdaFor(t, a)), a);
    }
}
