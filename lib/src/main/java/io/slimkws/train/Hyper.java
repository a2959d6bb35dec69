package io.slimkws.train;

import io.slimkws.prox.GroupLasso;
import io.slimkws.prox.GroupProx;
import io.slimkws.prox.Penalty;

/**
 * The hyper-parameters of Tables 1-3: β (splitting), μ (additive GL weight), ρ (BC blending) and
 * the channel penalty of RGSM/GSBC with its λ (the paper's group Lasso, or one beyond it).
 */
public record Hyper(double beta, double mu, double rho, Penalty penalty) {

    public Hyper {
        if (penalty == null) {
            throw new IllegalArgumentException(
                    "penalty must be one of io.slimkws.prox.Penalties.REGISTERED, got null");
        }
    }

    public static Hyper none() {
        return new Hyper(0, 0, 0, new GroupLasso(0));
    }

    public static Hyper gl(double mu) {
        return new Hyper(0, mu, 0, new GroupLasso(0));
    }

    public static Hyper rgsm(double lambda, double beta) {
        return rgsm(new GroupLasso(lambda), beta);
    }

    /** RGSM with any penalty (group ℓ0, the sparse-group family, ...). */
    public static Hyper rgsm(Penalty penalty, double beta) {
        return new Hyper(beta, 0, 0, penalty);
    }

    public static Hyper gsbc(double lambda) {
        return gsbc(new GroupLasso(lambda));
    }

    public static Hyper gsbc(Penalty penalty) {
        return new Hyper(0, 0, 0, penalty);
    }

    public static Hyper bc(double rho) {
        return new Hyper(0, 0, rho, new GroupLasso(0));
    }

    /** The penalty's group weight λ. */
    public double lambda() {
        return penalty.lambda();
    }

    public GroupProx groupProx() {
        return penalty.map();
    }

    /**
     * For the run's identity: β, λ, μ, ρ, the penalty's key, then every other parameter the penalty
     * declares, by name (the group Lasso has none, so the paper's runs read as they always have).
     */
    public String describe() {
        StringBuilder b =
                new StringBuilder(
                        "beta="
                                + beta
                                + " lambda="
                                + penalty.lambda()
                                + " mu="
                                + mu
                                + " rho="
                                + rho
                                + " prox="
                                + penalty.key());
        penalty.parameters()
                .forEach(
                        (name, v) -> {
                            if (!name.equals("lambda")) {
                                b.append(' ').append(name).append('=').append(v);
                            }
                        });
        return b.toString();
    }
}
