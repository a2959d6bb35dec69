package io.slimkws.data;

import java.util.Locale;

/** The three parts of a corpus. */
public enum Split {
    TRAINING,
    VALIDATION,
    TESTING;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
