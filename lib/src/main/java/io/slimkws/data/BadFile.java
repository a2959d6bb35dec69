package io.slimkws.data;

import java.nio.file.Path;

/** A file a corpus could not use, and why. */
public record BadFile(Path file, String problem) {
    @Override
    public String toString() {
        return file + ": " + problem;
    }
}
