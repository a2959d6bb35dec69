package io.slimkws.data;

import java.util.List;

/** The recipe's 12 labels, in its order: silence, unknown, then the ten keywords. */
public final class Labels {
    public static final String SILENCE = "_silence_";
    public static final String UNKNOWN = "_unknown_";
    public static final List<String> KEYWORDS =
            List.of("yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go");
    public static final List<String> ALL =
            List.of(
                    SILENCE, UNKNOWN, "yes", "no", "up", "down", "left", "right", "on", "off",
                    "stop", "go");
    public static final int COUNT = 12;
    public static final int SILENCE_INDEX = 0;
    public static final int UNKNOWN_INDEX = 1;

    private Labels() {}

    public static int index(String label) {
        int i = ALL.indexOf(label);
        if (i < 0) {
            throw new IllegalArgumentException(
                    "unknown label '" + label + "'; expected one of " + ALL);
        }
        return i;
    }

    public static String name(int index) {
        return ALL.get(index);
    }
}
