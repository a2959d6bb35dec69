package io.slimkws.train;

import io.slimkws.prox.GroupL0Prox;
import io.slimkws.prox.GroupLassoProx;
import io.slimkws.prox.GroupProx;

/**
 * The hyper-parameters of Tables 1-3: β (splitting), λ (threshold), μ (additive GL weight), ρ
 * (BC blending) and which proximal map RGSM/GSBC use.
 */
public record Hyper(double beta, double lambda, double mu, double rho, Prox prox) {
    /** The group proximal maps of Section 3: group Lasso (3.7) and group ℓ0 (3.12). */
    public enum Prox {
        GL, GL0
    }

    public Hyper {
        if (prox == null) {
            throw new IllegalArgumentException("prox must be GL or GL0, got null");
        }
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
        };
    }

    public String describe() {
        return "beta=" + beta + " lambda=" + lambda + " mu=" + mu + " rho=" + rho + " prox=" + prox;
    }
}
