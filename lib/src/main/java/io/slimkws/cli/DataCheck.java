package io.slimkws.cli;

import io.slimkws.data.Layout;
import java.nio.file.Path;

/**
 * ./reproduce's check of {@code --data} before any notebook runs (nothing is written): exit status
 * 2 and one line saying what a Speech Commands folder looks like when PATH is not one.
 */
public final class DataCheck {
    private DataCheck() {}

    public static void main(String[] args) {
        try {
            Layout.detect(Path.of(args[0]).toAbsolutePath().normalize());
        } catch (IllegalArgumentException e) {
            System.err.println(
                    "reproduce: error: " + e.getMessage() + " (from --data or SLIMKWS_DATA)");
            System.exit(2);
        }
    }
}
