package io.slimkws.prox;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Prox_GL0,λ (3.12): group hard-thresholding, y_g = w_g 1{||w_g|| > sqrt(2λ)}. The minimiser of λ
 * 1{y_g != 0} + 1/2 ||y_g - w_g||^2 (3.11). At ||w_g|| = sqrt(2λ) both 0 and w_g are minimisers;
 * this returns 0 there, as (3.12) does.
 */
public record GroupL0Prox(double lambda) implements GroupProx {
    public GroupL0Prox {
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("lambda must be >= 0, got " + lambda);
        }
    }

    @Override
    public INDArray apply(INDArray w) {
        double t = Math.sqrt(2 * lambda);
        double[] n = Groups.norms(w);
        double[] s = new double[n.length];
        for (int g = 0; g < n.length; g++) {
            s[g] = n[g] > t ? 1.0 : 0.0;
        }
        return Groups.scaled(w, s);
    }

    @Override
    public double penalty(INDArray w) {
        int nonzero = 0;
        for (double v : Groups.norms(w)) {
            if (v != 0) {
                nonzero++;
            }
        }
        return lambda * nonzero;
    }

    @Override
    public String name() {
        return "GL0(" + lambda + ")";
    }
}
