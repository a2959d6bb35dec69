package io.slimkws.prox;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Prox_GL,λ (3.7): group soft-thresholding, y_g = w_g max(||w_g|| - λ, 0) / ||w_g||. The minimiser
 * of λ||y_g|| + 1/2 ||y_g - w_g||^2, derived in (3.4)-(3.6).
 */
public record GroupLassoProx(double lambda) implements GroupProx {
    public GroupLassoProx {
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("lambda must be >= 0, got " + lambda);
        }
    }

    /** The shrink factor of one group of norm n. */
    public static double factor(double norm, double lambda) {
        return norm > lambda ? (norm - lambda) / norm : 0.0;
    }

    @Override
    public INDArray apply(INDArray w) {
        double[] n = Groups.norms(w);
        double[] s = new double[n.length];
        for (int g = 0; g < n.length; g++) {
            s[g] = factor(n[g], lambda);
        }
        return Groups.scaled(w, s);
    }

    @Override
    public double penalty(INDArray w) {
        double sum = 0;
        for (double v : Groups.norms(w)) {
            sum += v;
        }
        return lambda * sum;
    }

    @Override
    public String name() {
        return "GL(" + lambda + ")";
    }
}
