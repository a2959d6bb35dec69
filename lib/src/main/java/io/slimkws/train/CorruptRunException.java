package io.slimkws.train;

import java.nio.file.Path;

/**
 * A finished run's file whose content changed after it was written: its SHA-256 is not the one
 * summary.json recorded (a bit flipped, bytes zeroed in place). The run is not served; where the
 * caller trains it is set aside as {@code .corrupt-*} and trained again.
 */
public class CorruptRunException extends IncompleteRunException {
    public CorruptRunException(Path file, String expected, String actual) {
        super(
                file,
                "has changed since the run finished (SHA-256 "
                        + actual
                        + ", summary.json recorded "
                        + expected
                        + ")");
    }
}
