package io.slimkws.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes that a reader never sees half done: fill a temporary file beside the target, then rename
 * it over the target. Shared by every layer (run folders, feature cache, tables and figures), so it
 * sits below all of them.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** What fills the temporary file before it is renamed into place. */
    @FunctionalInterface
    public interface Filler {
        void fill(Path tmp) throws IOException;
    }

    /** Writes {@code content} (UTF-8) to {@code file} through a temporary file and a rename. */
    public static Path write(Path file, String content) {
        return replace(file, tmp -> Files.writeString(tmp, content, StandardCharsets.UTF_8));
    }

    /** Fills a temporary file beside {@code file}, then renames it over {@code file}. */
    public static Path replace(Path file, Filler filler) {
        Path tmp = null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".part");
            filler.fill(tmp);
            // createTempFile makes the file private (0600); results are meant to be shared.
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(
                    tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write already failed; that is the error to report
                }
            }
            throw new UncheckedIOException("cannot write " + file + " (" + e.getMessage() + ")", e);
        }
    }
}
