package io.slimkws.prox;

import java.util.LinkedHashMap;

/**
 * Group ℓ0, λ Σ_g 1{w_g ≠ 0} (Remark 2), with map Prox_GL0,λ (3.12): a group goes to zero when its
 * norm is at most √(2λ).
 */
public record GroupL0(double lambda) implements Penalty {
    @Override
    public String key() {
        return "GL0";
    }

    @Override
    public String label() {
        return "group ℓ0";
    }

    @Override
    public LinkedHashMap<String, Double> parameters() {
        return Penalty.named("lambda", lambda);
    }

    @Override
    public GroupProx map() {
        return new GroupL0Prox(lambda);
    }

    @Override
    public double threshold() {
        return Math.sqrt(2 * lambda);
    }

    @Override
    public Cut cuts() {
        return Cut.GROUP_NORM;
    }

    @Override
    public Penalty atThreshold(double t) {
        return new GroupL0(Penalty.round10(t * t / 2));
    }

    @Override
    public Penalty withLambda(double lambda) {
        return new GroupL0(lambda);
    }
}
