package io.slimkws.prox;

import java.util.LinkedHashMap;

/**
 * The paper's penalty λ Σ_g ||w_g|| (3.3), with map Prox_GL,λ (3.7): a group goes to zero when its
 * norm is at most λ.
 */
public record GroupLasso(double lambda) implements Penalty {
    @Override
    public String key() {
        return "GL";
    }

    @Override
    public String label() {
        return "group Lasso";
    }

    @Override
    public LinkedHashMap<String, Double> parameters() {
        return Penalty.named("lambda", lambda);
    }

    @Override
    public GroupProx map() {
        return new GroupLassoProx(lambda);
    }

    @Override
    public double threshold() {
        return lambda;
    }

    @Override
    public Cut cuts() {
        return Cut.GROUP_NORM;
    }

    @Override
    public Penalty atThreshold(double t) {
        return new GroupLasso(Penalty.round10(t));
    }

    @Override
    public Penalty withLambda(double lambda) {
        return new GroupLasso(lambda);
    }
}
