package io.slimkws.data;

/** The three parts of a corpus. */
public enum Split {
    TRAINING,
    VALIDATION,
    TESTING;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
