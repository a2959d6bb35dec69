package io.slimkws.prox;

import java.util.LinkedHashMap;

/**
 * The penalty inside each group of the sparse-group family (Bui et al. 2021), λ_e ψ(w_g), with its
 * proximal map on one group's weights: argmin_y λ_e ψ(y) + 1/2 ||y - x||². Element-wise penalties
 * ({@link Elementwise}) apply a scalar map to every weight; others (ℓ1 − ℓ2) need the whole group.
 */
public interface InnerProx {
    /** The name after "SGL_" in a run's identity, e.g. "L1". */
    String key();

    /** Its name in tables, e.g. "ℓ1". */
    String label();

    /** Its parameters, named, in a fixed order (λ_e first); all enter a run's identity. */
    LinkedHashMap<String, Double> parameters();

    /** The minimiser y of λ_e ψ(y) + 1/2 ||y - x||² for one group's weights x (a new array). */
    double[] apply(double[] x);

    /** λ_e ψ(x) for one group's weights. */
    double penalty(double[] x);

    /**
     * The dead zone's end t: a weight with |x| ≤ t is set to zero (for ℓ1 − ℓ2, every weight but a
     * group's largest).
     */
    double zeroBelow();

    /**
     * The same penalty with λ_e chosen so that {@link #zeroBelow()} is t (10 significant digits).
     */
    InnerProx atDeadZone(double t);
}
