package io.slimkws.train;

import io.slimkws.prox.ElementThreshold;
import io.slimkws.prox.GroupL0Prox;
import io.slimkws.prox.GroupLassoProx;
import io.slimkws.prox.GroupProx;
import io.slimkws.prox.SparseGroupProx;

/**
 * The hyper-parameters of Tables 1-3: β (splitting), λ (threshold), μ (additive GL weight), ρ
 * (BC blending) and which proximal map RGSM/GSBC use; for the sparse-group family beyond the paper
 * also the element-wise threshold λ_e and the transformed-ℓ1 shape a.
 */
public record Hyper(double beta, double lambda, double mu, double rho, Prox prox, double lambdaElement, double a) {
    /**
     * The group proximal maps: group Lasso (3.7), group ℓ0 (3.12), and the sparse-group family of
     * Bui et al. (an element-wise ℓ1, transformed-ℓ1 or ℓ0 threshold at λ_e, then group soft
     * thresholding at λ; exact as a prox for ℓ1 only, see {@link SparseGroupProx}).
     */
    public enum Prox {
        GL(null), GL0(null), SGL_L1(ElementThreshold.L1), SGL_TL1(ElementThreshold.TL1), SGL_L0(ElementThreshold.L0);

        private final ElementThreshold element;

        Prox(ElementThreshold element) {
            this.element = element;
        }

        /** The element-wise threshold of the sparse-group maps; null for GL and GL0. */
        public ElementThreshold element() {
            return element;
        }

        public boolean sparseGroup() {
            return element != null;
        }
    }

    public Hyper {
        if (prox == null) {
            throw new IllegalArgumentException("prox must be one of GL, GL0, SGL_L1, SGL_TL1, SGL_L0, got null");
        }
    }

    public Hyper(double beta, double lambda, double mu, double rho, Prox prox) {
        this(beta, lambda, mu, rho, prox, 0, 0);
    }

    public static Hyper none() {
        return new Hyper(0, 0, 0, 0, Prox.GL);
    }

    public static Hyper gl(double mu) {
        return new Hyper(0, 0, mu, 0, Prox.GL);
    }

    public static Hyper rgsm(double lambda, double beta) {
        return new Hyper(beta, lambda, 0, 0, Prox.GL);
    }

    /** RGSM with another proximal map (group ℓ0, or the sparse-group family with its λ_e and a). */
    public static Hyper rgsm(Prox prox, double lambda, double beta, double lambdaElement, double a) {
        return new Hyper(beta, lambda, 0, 0, prox, lambdaElement, a);
    }

    public static Hyper gsbc(double lambda) {
        return new Hyper(0, lambda, 0, 0, Prox.GL);
    }

    public static Hyper bc(double rho) {
        return new Hyper(0, 0, 0, rho, Prox.GL);
    }

    public GroupProx groupProx() {
        return switch (prox) {
            case GL -> new GroupLassoProx(lambda);
            case GL0 -> new GroupL0Prox(lambda);
            case SGL_L1, SGL_TL1, SGL_L0 -> new SparseGroupProx(prox.element(), lambdaElement, lambda, a);
        };
    }

    /** For the run's identity: the paper's fields, and λ_e and a only for the sparse-group family (so older runs keep their ids). */
    public String describe() {
        return "beta=" + beta + " lambda=" + lambda + " mu=" + mu + " rho=" + rho + " prox=" + prox
                + (prox.sparseGroup() ? " lambdaElement=" + lambdaElement + " a=" + a : "");
    }
}
