package io.slimkws.audio;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A WAV file that is not what the dataset promises; the message names the file and what was
 * expected.
 */
public class WavFormatException extends IOException {
    private final Path file;

    public WavFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
