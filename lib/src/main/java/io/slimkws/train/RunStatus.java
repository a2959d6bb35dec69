package io.slimkws.train;

import java.util.Locale;

/** The state of a run folder, as its status.json records it ("running", "finished", "failed"). */
public enum RunStatus {
    RUNNING,
    FINISHED,
    FAILED;

    /** The word status.json holds. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The status a status.json word stands for; null for a missing or unknown word (not a result).
     */
    public static RunStatus of(String word) {
        for (RunStatus s : values()) {
            if (s.word().equals(word)) {
                return s;
            }
        }
        return null;
    }
}
