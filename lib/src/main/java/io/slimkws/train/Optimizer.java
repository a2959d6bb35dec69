package io.slimkws.train;

import java.util.Locale;

/**
 * The optimiser a schedule uses: the recipe's plain SGD, or Adam (the {@code quick} profile only).
 */
public enum Optimizer {
    SGD("plain SGD"),
    ADAM("Adam, not the paper's optimiser");

    public final String label;

    Optimizer(String label) {
        this.label = label;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optimizer parse(String s) {
        for (Optimizer o : values()) {
            if (o.id().equalsIgnoreCase(s.trim())) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + s + "'; expected sgd or adam");
    }
}
