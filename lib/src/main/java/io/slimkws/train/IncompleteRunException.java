package io.slimkws.train;

import java.io.IOException;
import java.nio.file.Path;

/** A run folder marked finished whose summary or model is missing, truncated or lacks a field. */
public class IncompleteRunException extends IOException {
    private final Path file;

    public IncompleteRunException(Path file, String what) {
        super(
                "run folder "
                        + file.getParent()
                        + " is marked finished but "
                        + file.getFileName()
                        + " "
                        + what);
        this.file = file;
    }

    /** The file that is missing or bad. */
    public Path file() {
        return file;
    }
}
