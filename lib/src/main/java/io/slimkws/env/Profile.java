package io.slimkws.env;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which data and schedule a run uses. {@code smoke}: seconds per run, any data (plumbing only);
 * {@code mini}: the real v0.02 test set with a speaker split and a compressed schedule;
 * {@code paper}: the full dataset and the paper's 18,000-step recipe.
 */
public enum Profile {
    SMOKE, MINI, PAPER;

    public static final Profile DEFAULT = MINI;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Profile parse(String s) {
        if (s == null || s.isBlank()) {
            return DEFAULT;
        }
        for (Profile p : values()) {
            if (p.id().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + s + "'; expected one of "
                + Arrays.stream(values()).map(Profile::id).collect(Collectors.joining(", ")));
    }
}
