package io.slimkws.train;

import io.slimkws.prox.GroupL0Prox;
import io.slimkws.prox.GroupLassoProx;
import io.slimkws.prox.GroupProx;

/**
 * The hyper-parameters of Tables 1-3: β (splitting), λ (threshold), μ (additive GL weight), ρ
 * (BC blending) and which proximal map RGSM/GSBC use ("GL" for (3.7), "GL0" for (3.12)).
 */
public record Hyper(double beta, double lambda, double mu, double rho, String prox) {
    public static Hyper none() {
        return new Hyper(0, 0, 0, 0, "GL");
    }

    public static Hyper gl(double mu) {
        return new Hyper(0, 0, mu, 0, "GL");
    }

    public static Hyper rgsm(double lambda, double beta) {
        return new Hyper(beta, lambda, 0, 0, "GL");
    }

    public static Hyper gsbc(double lambda) {
        return new Hyper(0, lambda, 0, 0, "GL");
    }

    public static Hyper bc(double rho) {
        return new Hyper(0, 0, 0, rho, "GL");
    }

    public GroupProx groupProx() {
        return switch (prox) {
            case "GL" -> new GroupLassoProx(lambda);
            case "GL0" -> new GroupL0Prox(lambda);
            default -> throw new IllegalArgumentException("unknown prox '" + prox + "'; expected GL or GL0");
        };
    }

    public String describe() {
        return "beta=" + beta + " lambda=" + lambda + " mu=" + mu + " rho=" + rho + " prox=" + prox;
    }
}
