package io.slimkws.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Small HTML helpers shared by tables and figures. */
public final class Html {
    private Html() {
    }

    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Writes through a temporary file and a rename, so a reader never sees half a file. */
    public static Path writeAtomically(Path file, String content) {
        return replaceAtomically(file, tmp -> Files.writeString(tmp, content, StandardCharsets.UTF_8));
    }

    /** What fills the temporary file before it is renamed into place. */
    @FunctionalInterface
    public interface Filler {
        void fill(Path tmp) throws IOException;
    }

    /** Fills a temporary file beside {@code file}, then renames it over {@code file}. */
    public static Path replaceAtomically(Path file, Filler filler) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".part");
            filler.fill(tmp);
            // createTempFile makes the file private (0600); results are meant to be shared.
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
