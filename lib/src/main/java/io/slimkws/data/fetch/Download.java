package io.slimkws.data.fetch;

import io.slimkws.files.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;

/**
 * Downloads a file into {@code <target>.part}, resuming an interrupted download with an HTTP Range
 * request, then checks its size and SHA-256 before renaming it to {@code target}. A file that fails
 * the check is moved aside to {@code <target>.bad} and reported; it never takes the place of a good
 * one.
 */
public final class Download {
    private Download() {}

    public static Path fetch(
            String url, Path target, long size, String sha256, LongConsumer progress)
            throws IOException {
        if (Files.isRegularFile(target)
                && Files.size(target) == size
                && sha256(target).equals(sha256)) {
            return target;
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (have > size) {
            Files.delete(part);
            have = 0;
        }
        if (have < size) {
            HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
            c.setConnectTimeout(30_000);
            c.setReadTimeout(60_000);
            if (have > 0) {
                c.setRequestProperty("Range", "bytes=" + have + "-");
            }
            int code = c.getResponseCode();
            boolean append = have > 0 && code == HttpURLConnection.HTTP_PARTIAL;
            if (code != HttpURLConnection.HTTP_OK && code != HttpURLConnection.HTTP_PARTIAL) {
                throw new IOException("GET " + url + " answered HTTP " + code);
            }
            if (!append) {
                have = 0; // the server ignored the range: start over
            }
            try (InputStream in = c.getInputStream();
                    OutputStream out =
                            Files.newOutputStream(
                                    part,
                                    StandardOpenOption.CREATE,
                                    append
                                            ? StandardOpenOption.APPEND
                                            : StandardOpenOption.TRUNCATE_EXISTING,
                                    StandardOpenOption.WRITE)) {
                byte[] buf = new byte[1 << 16];
                int n;
                long done = have;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    done += n;
                    if (progress != null) {
                        progress.accept(done);
                    }
                }
            }
        }
        long got = Files.size(part);
        if (got < size) {
            // Cut short (the connection closed early): keep the part for the next attempt to
            // resume.
            throw new IOException(
                    "the download of "
                            + url
                            + " stopped at "
                            + got
                            + " of "
                            + size
                            + " bytes; "
                            + part
                            + " is kept and the next attempt resumes from there");
        }
        verify(part, size, sha256, target);
        Files.move(
                part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /**
     * Throws, naming the file and both values, unless {@code file} has the given size and digest.
     */
    public static void verify(Path file, long size, String sha256, Path reportedAs)
            throws IOException {
        long actual = Files.size(file);
        String problem = null;
        if (actual != size) {
            problem = "size " + actual + " bytes, expected " + size;
        } else {
            String d = sha256(file);
            if (!d.equals(sha256)) {
                problem = "SHA-256 " + d + ", expected " + sha256;
            }
        }
        if (problem != null) {
            Path bad = reportedAs.resolveSibling(reportedAs.getFileName() + ".bad");
            Files.move(file, bad, StandardCopyOption.REPLACE_EXISTING);
            throw new IOException(
                    reportedAs.getFileName()
                            + " failed verification: "
                            + problem
                            + " (kept as "
                            + bad
                            + ")");
        }
    }

    public static String sha256(Path file) throws IOException {
        return Digests.sha256(file);
    }
}
