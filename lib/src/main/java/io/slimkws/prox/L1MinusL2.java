package io.slimkws.prox;

import java.util.LinkedHashMap;

/**
 * The inner penalty ℓ1 − αℓ2, λ_e (||x||_1 − α||x||_2) with 0 < α ≤ 1, one of the nonconvex
 * sparse-group penalties of Bui et al. (2021). Its proximal map has the closed form of Lou and Yan
 * ("Fast L1–L2 minimization via a proximal operator", J. Sci. Comput. 74 (2018), Lemma 1): with
 * ||x||_∞ the largest |x_i|,
 *
 * <ul>
 *   <li>||x||_∞ > λ_e: y = z (||z|| + αλ_e)/||z|| with z = sgn(x) max(|x| − λ_e, 0) (soft
 *       threshold, then pushed out by αλ_e);
 *   <li>(1 − α)λ_e < ||x||_∞ ≤ λ_e: y is 1-sparse, y_i = sgn(x_i)(|x_i| − (1 − α)λ_e) at one i with
 *       |x_i| = ||x||_∞ (at ||x||_∞ = λ_e every y with ||y|| = αλ_e on the largest entries is a
 *       minimiser; this is one);
 *   <li>||x||_∞ ≤ (1 − α)λ_e: y = 0.
 * </ul>
 *
 * Unlike ℓ1 it is not separable: the largest weight of a group survives below λ_e.
 */
public record L1MinusL2(double lambdaElement, double alpha) implements InnerProx {
    public L1MinusL2 {
        if (!(alpha > 0 && alpha <= 1) || !(lambdaElement >= 0)) {
            throw new IllegalArgumentException(
                    "ℓ1 − αℓ2 needs 0 < alpha <= 1 and lambdaElement >= 0, got alpha "
                            + alpha
                            + ", lambdaElement "
                            + lambdaElement);
        }
    }

    @Override
    public String key() {
        return "L1L2";
    }

    @Override
    public String label() {
        return "ℓ1 − ℓ2";
    }

    @Override
    public LinkedHashMap<String, Double> parameters() {
        return Penalty.named("lambdaElement", lambdaElement, "alpha", alpha);
    }

    @Override
    public double[] apply(double[] x) {
        double[] y = new double[x.length];
        int top = 0;
        for (int i = 1; i < x.length; i++) {
            if (Math.abs(x[i]) > Math.abs(x[top])) {
                top = i;
            }
        }
        double max = x.length == 0 ? 0 : Math.abs(x[top]);
        if (max > lambdaElement) {
            double nz = 0;
            for (int i = 0; i < x.length; i++) {
                y[i] = Math.signum(x[i]) * Math.max(Math.abs(x[i]) - lambdaElement, 0);
                nz += y[i] * y[i];
            }
            double scale = (Math.sqrt(nz) + alpha * lambdaElement) / Math.sqrt(nz);
            for (int i = 0; i < y.length; i++) {
                y[i] *= scale;
            }
        } else if (max > (1 - alpha) * lambdaElement) {
            y[top] = Math.signum(x[top]) * (max - (1 - alpha) * lambdaElement);
        }
        return y;
    }

    @Override
    public double penalty(double[] x) {
        double l1 = 0;
        double l2 = 0;
        for (double v : x) {
            l1 += Math.abs(v);
            l2 += v * v;
        }
        return lambdaElement * (l1 - alpha * Math.sqrt(l2));
    }

    /** Every weight but a group's largest is zeroed at or below λ_e. */
    @Override
    public double zeroBelow() {
        return lambdaElement;
    }

    @Override
    public InnerProx atDeadZone(double t) {
        return new L1MinusL2(Penalty.round10(t), alpha);
    }
}
