package io.slimkws.prox;

import java.util.List;

/**
 * Every penalty this project knows, one line each (with example parameters): notebook 03 checks
 * each map, the tests hold each to a brute-force check and to a complete run identity, and the
 * study beyond the paper sweeps the families it declares.
 */
public final class Penalties {
    public static final List<Penalty> REGISTERED =
            List.of(
                    new GroupLasso(0.05),
                    new GroupL0(0.005),
                    new SparseGroup(new Elementwise(ElementThreshold.L1, 0.001, 0), 0.04),
                    new SparseGroup(new Elementwise(ElementThreshold.TL1, 0.0005, 1), 0.04),
                    new SparseGroup(new Elementwise(ElementThreshold.L0, 5e-7, 0), 0.04),
                    new SparseGroup(new L1MinusL2(0.001, 1), 0.04));

    /** The registered penalty with this key (e.g. "GL0"). */
    public static Penalty byKey(String key) {
        return REGISTERED.stream()
                .filter(p -> p.key().equals(key))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "unknown penalty '"
                                                + key
                                                + "'; expected one of "
                                                + REGISTERED.stream().map(Penalty::key).toList()));
    }

    private Penalties() {}
}
