package io.slimkws.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The command-line mains' errors: one line for the user, the stack trace in a log file that line
 * names.
 */
final class Errors {
    private Errors() {}

    /** The message of the exception and of its causes that add to it, on one line. */
    static String line(Throwable e) {
        StringBuilder b = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && !b.toString().contains(m)) {
                b.append(": ").append(m);
            }
        }
        return b.toString().replace('\n', ' ');
    }

    /**
     * Writes e's stack trace to {@code dir/<what>-error.log} (replacing the last one) and returns
     * the file.
     */
    static Path log(Path dir, String what, Throwable e) {
        StringWriter w = new StringWriter();
        w.write(Instant.now() + "\n");
        e.printStackTrace(new PrintWriter(w));
        Path f = dir.resolve(what + "-error.log");
        try {
            Files.createDirectories(dir);
            Files.writeString(f, w.toString());
            return f;
        } catch (IOException io) {
            return Path.of("(not written: " + io.getMessage() + ")");
        }
    }
}
