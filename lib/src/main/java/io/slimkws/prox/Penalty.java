package io.slimkws.prox;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;

/**
 * A channel penalty of RGSM and GSBC: the paper's group Lasso (3.3), or another one beyond it. A
 * penalty is configuration, kept apart from the map it builds: it declares its proximal map (the
 * {@link GroupProx} of (3.8) and (3.14)), its parameters as named fields (a run's identity iterates
 * them, so no parameter can be left out of it), its label, and where its map starts to zero.
 *
 * <p>Adding one: a record implementing this interface (or an {@link InnerProx} inside {@link
 * SparseGroup}), one line in {@link Penalties#REGISTERED}, and a brute-force check of its map in
 * {@code ProxBruteForceTest}; the tests then hold it to both.
 */
public interface Penalty {
    /** The group weight λ of (3.3), the threshold RGSM's λ sweeps. */
    double lambda();

    /** The name in a run's identity ({@code prox=GL}), one per registered penalty. */
    String key();

    /** The family's name in tables and plots, e.g. "group ℓ0". */
    String label();

    /**
     * Every parameter, named, λ first, in a fixed order: all of them enter a run's identity. A
     * parameter the map reads and this map leaves out would let two different runs share one cached
     * result; {@code PenaltyIdentityTest} perturbs every field of every registered penalty to catch
     * it.
     */
    LinkedHashMap<String, Double> parameters();

    /** Its proximal map on a conv layer's input-channel groups. */
    GroupProx map();

    /** Where its map starts to zero: a group's norm, or one weight's |x| (see {@link #cuts()}). */
    double threshold();

    /** What {@link #threshold()} is measured on. */
    Cut cuts();

    /**
     * The same penalty with its map's zeroing set at t (rounded to 10 significant digits, so that
     * it prints short in a run's identity).
     */
    Penalty atThreshold(double t);

    /** The same penalty with group weight λ (a profile's scale of the paper's λ). */
    Penalty withLambda(double lambda);

    /** What a map zeroes first: whole groups (input channels) or single weights inside them. */
    enum Cut {
        GROUP_NORM,
        ELEMENT
    }

    /** v to 10 significant digits: t²/2 prints as 4.5E-8 rather than 4.4999999999999996E-8. */
    static double round10(double v) {
        return new BigDecimal(v, new MathContext(10)).doubleValue();
    }

    /**
     * Parameters by name, in the order given: {@code named("lambda", 0.05)}, {@code
     * named("lambdaElement", 0.001, "a", 1)}.
     */
    static LinkedHashMap<String, Double> named(Object... nameValue) {
        LinkedHashMap<String, Double> p = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            p.put((String) nameValue[i], ((Number) nameValue[i + 1]).doubleValue());
        }
        return p;
    }
}
