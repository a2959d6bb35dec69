package io.slimkws.data.fetch;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Extracts a .tar.gz so that nothing can land outside the target: absolute names, names that climb
 * out with "..", links and device entries are refused, naming the entry. Extraction goes to {@code
 * <target>.partial} and is renamed into place only when complete, with a marker file; a complete
 * copy is never overwritten.
 */
public final class SafeExtract {
    /**
     * An entry that would write outside the target or is not a plain file or folder: the archive is
     * refused.
     */
    public static final class UnsafeArchiveException extends IOException {
        public UnsafeArchiveException(String message) {
            super(message);
        }
    }

    public static final String COMPLETE_MARKER = ".slimkws-complete";

    private SafeExtract() {}

    public static boolean isComplete(Path target) {
        return Files.isRegularFile(target.resolve(COMPLETE_MARKER));
    }

    /** Returns the number of files extracted, or -1 when a complete copy was already there. */
    public static long extract(Path archive, Path target, String provenance) throws IOException {
        return extract(archive, target, provenance, System.err);
    }

    /**
     * As {@link #extract(Path, Path, String)}, saying on {@code log} what it does with an earlier,
     * unfinished extraction.
     */
    public static long extract(Path archive, Path target, String provenance, PrintStream log)
            throws IOException {
        if (isComplete(target)) {
            return -1;
        }
        if (Files.exists(target)) {
            throw new IOException(
                    target
                            + " exists but is not a complete extraction (no "
                            + COMPLETE_MARKER
                            + "); move it away and run again");
        }
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        if (Files.exists(partial)) {
            log.println(
                    "extract: removing " + partial + ", an earlier extraction that did not finish");
            deleteTree(partial);
        }
        Files.createDirectories(partial);
        Path root = partial.toAbsolutePath().normalize();
        long files = 0;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
                TarArchiveInputStream tar =
                        new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
            TarArchiveEntry e;
            while ((e = tar.getNextTarEntry()) != null) {
                String name = e.getName();
                if (e.isSymbolicLink() || e.isLink()) {
                    throw new UnsafeArchiveException(
                            archive.getFileName()
                                    + ": refusing link entry '"
                                    + name
                                    + "' -> '"
                                    + e.getLinkName()
                                    + "'");
                }
                // commons-compress calls a FIFO or device entry a "file" (its name has no trailing
                // '/'): refuse them first.
                if (e.isFIFO() || e.isCharacterDevice() || e.isBlockDevice()) {
                    throw new UnsafeArchiveException(
                            archive.getFileName()
                                    + ": refusing device entry '"
                                    + name
                                    + "' ("
                                    + (e.isFIFO()
                                            ? "FIFO"
                                            : e.isCharacterDevice()
                                                    ? "character device"
                                                    : "block device")
                                    + ")");
                }
                if (!e.isDirectory() && !e.isFile()) {
                    throw new UnsafeArchiveException(
                            archive.getFileName() + ": refusing special entry '" + name + "'");
                }
                if (name.startsWith("/") || name.contains("\\") || name.matches("^[A-Za-z]:.*")) {
                    throw new UnsafeArchiveException(
                            archive.getFileName() + ": refusing absolute entry '" + name + "'");
                }
                Path out = root.resolve(name).normalize();
                if (!out.startsWith(root)) {
                    throw new UnsafeArchiveException(
                            archive.getFileName()
                                    + ": refusing entry '"
                                    + name
                                    + "' that escapes the target folder");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    files++;
                }
            }
        } catch (EOFException ex) {
            deleteTree(partial);
            throw new IOException(
                    archive
                            + " is truncated: its data ends after "
                            + files
                            + " files; delete it and download again (data-scripts/download resumes"
                            + " and verifies)",
                    ex);
        } catch (IOException ex) {
            deleteTree(partial);
            throw ex;
        }
        Files.writeString(partial.resolve(COMPLETE_MARKER), provenance + "\nfiles " + files + "\n");
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        return files;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
