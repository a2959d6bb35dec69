package io.slimkws.prox;

import java.util.LinkedHashMap;

/**
 * The sparse-group family of the paper's authors' later work (Bui et al. 2021): λ Σ_g ||w_g|| plus
 * an inner penalty inside every group, with the map of {@link SparseGroupProx}. Its threshold is
 * the inner penalty's dead zone for one weight; the group weight λ stays as declared.
 */
public record SparseGroup(InnerProx inner, double lambda) implements Penalty {
    @Override
    public String key() {
        return "SGL_" + inner.key();
    }

    @Override
    public String label() {
        return "group ℓ2 + " + inner.label();
    }

    @Override
    public LinkedHashMap<String, Double> parameters() {
        LinkedHashMap<String, Double> p = new LinkedHashMap<>();
        p.put("lambda", lambda);
        p.putAll(inner.parameters());
        return p;
    }

    @Override
    public GroupProx map() {
        return new SparseGroupProx(inner, lambda);
    }

    @Override
    public double threshold() {
        return inner.zeroBelow();
    }

    @Override
    public Cut cuts() {
        return Cut.ELEMENT;
    }

    @Override
    public Penalty atThreshold(double t) {
        return new SparseGroup(inner.atDeadZone(t), lambda);
    }

    @Override
    public Penalty withLambda(double lambda) {
        return new SparseGroup(inner, lambda);
    }
}
