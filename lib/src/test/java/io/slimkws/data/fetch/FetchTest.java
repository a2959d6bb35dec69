package io.slimkws.data.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchTest {
    @TempDir Path dir;

    /**
     * A .tar.gz built here: entries are (name, content) or (name, null) for a symlink to
     * /etc/passwd.
     */
    static byte[] tarGz(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar =
                new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (int i = 0; i < namesAndContents.length; i += 2) {
                String name = namesAndContents[i];
                String content = namesAndContents[i + 1];
                if (content == null) {
                    TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                    e.setLinkName("/etc/passwd");
                    tar.putArchiveEntry(e);
                } else {
                    byte[] b = content.getBytes(StandardCharsets.UTF_8);
                    // preserveAbsolutePath: keep a leading '/' so the reader sees what an attacker
                    // wrote.
                    TarArchiveEntry e = new TarArchiveEntry(name, true);
                    e.setSize(b.length);
                    tar.putArchiveEntry(e);
                    tar.write(b);
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void extractsIntoPlaceOnlyWhenCompleteAndNeverOverwrites() throws Exception {
        Path archive = dir.resolve("a.tar.gz");
        Files.write(
                archive, tarGz("yes/1_nohash_0.wav", "one", "_background_noise_/n.wav", "noise"));
        Path target = dir.resolve("sc");
        assertEquals(2, SafeExtract.extract(archive, target, "test"));
        assertEquals("one", Files.readString(target.resolve("yes/1_nohash_0.wav")));
        assertTrue(SafeExtract.isComplete(target));
        Files.writeString(target.resolve("yes/1_nohash_0.wav"), "kept");
        assertEquals(
                -1, SafeExtract.extract(archive, target, "test"), "a complete copy is left alone");
        assertEquals("kept", Files.readString(target.resolve("yes/1_nohash_0.wav")));
        assertFalse(Files.exists(dir.resolve("sc.partial")));
    }

    @Test
    void refusesEntriesThatEscapeTheTarget() throws Exception {
        String[][] evil = {
            {"../escaped.txt", "x"},
            {"yes/../../escaped.txt", "x"},
            {"/tmp/absolute.txt", "x"},
            {"link", null},
        };
        for (String[] e : evil) {
            Path archive = dir.resolve("evil.tar.gz");
            Files.write(archive, tarGz("ok.txt", "fine", e[0], e[1]));
            Path target = dir.resolve("t");
            IOException ex =
                    assertThrows(
                            IOException.class,
                            () -> SafeExtract.extract(archive, target, "test"),
                            e[0]);
            assertTrue(ex.getMessage().contains("refusing"), ex.getMessage());
            assertFalse(Files.exists(target), "nothing presented as complete");
            assertFalse(Files.exists(dir.resolve("t.partial")), "partial extraction cleaned up");
            assertFalse(Files.exists(dir.resolve("escaped.txt")));
        }
    }

    @Test
    void refusesFifoAndDeviceEntriesNamingThem() throws Exception {
        for (byte kind :
                new byte[] {
                    TarArchiveEntry.LF_FIFO, TarArchiveEntry.LF_CHR, TarArchiveEntry.LF_BLK
                }) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar =
                    new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
                tar.putArchiveEntry(new TarArchiveEntry("yes/pipe.wav", kind));
                tar.closeArchiveEntry();
            }
            Path archive = dir.resolve("dev.tar.gz");
            Files.write(archive, bytes.toByteArray());
            IOException ex =
                    assertThrows(
                            IOException.class,
                            () -> SafeExtract.extract(archive, dir.resolve("d"), "test"));
            assertTrue(
                    ex.getMessage().contains("refusing device entry 'yes/pipe.wav'"),
                    ex.getMessage());
            assertFalse(Files.exists(dir.resolve("d")));
        }
    }

    @Test
    void aTruncatedArchiveIsNamedAndNothingIsLeft() throws Exception {
        byte[] full =
                tarGz(
                        "yes/a.wav",
                        "x".repeat(50_000),
                        "yes/b.wav",
                        new String(new char[50_000]).replace('\0', 'y'));
        Path archive = dir.resolve("cut.tar.gz");
        Files.write(archive, Arrays.copyOf(full, full.length / 2));
        IOException ex =
                assertThrows(
                        IOException.class,
                        () -> SafeExtract.extract(archive, dir.resolve("c"), "test"));
        assertTrue(
                ex.getMessage().contains("cut.tar.gz") && ex.getMessage().contains("truncated"),
                ex.getMessage());
        assertFalse(Files.exists(dir.resolve("c")));
        assertFalse(Files.exists(dir.resolve("c.partial")));
    }

    @Test
    void anEarlierUnfinishedExtractionIsRemovedAndSaidSo() throws Exception {
        Path archive = dir.resolve("a.tar.gz");
        Files.write(archive, tarGz("yes/1.wav", "one"));
        Files.createDirectories(dir.resolve("p.partial").resolve("yes"));
        Files.writeString(dir.resolve("p.partial").resolve("yes").resolve("stale.wav"), "stale");
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        assertEquals(
                1,
                SafeExtract.extract(
                        archive, dir.resolve("p"), "test", new PrintStream(said, true)));
        assertTrue(
                said.toString().contains("p.partial") && said.toString().contains("did not finish"),
                said.toString());
        assertFalse(Files.exists(dir.resolve("p").resolve("yes").resolve("stale.wav")));
    }

    @Test
    void downloadResumesAndVerifies() throws Exception {
        byte[] payload = new byte[300_000];
        new Random(3).nextBytes(payload);
        AtomicReference<String> lastRange = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/f.tar.gz",
                ex -> {
                    String range = ex.getRequestHeaders().getFirst("Range");
                    lastRange.set(range);
                    int from =
                            range == null
                                    ? 0
                                    : Integer.parseInt(range.replaceAll("bytes=(\\d+)-.*", "$1"));
                    ex.sendResponseHeaders(range == null ? 200 : 206, payload.length - from);
                    try (OutputStream o = ex.getResponseBody()) {
                        o.write(payload, from, payload.length - from);
                    }
                });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/f.tar.gz";
            Path target = dir.resolve("f.tar.gz");
            // An interrupted earlier download left the first 120,000 bytes.
            Files.write(dir.resolve("f.tar.gz.part"), Arrays.copyOf(payload, 120_000));
            Download.fetch(url, target, payload.length, sha256(payload), null);
            assertEquals("bytes=120000-", lastRange.get());
            assertEquals(sha256(payload), Download.sha256(target));

            // A wrong checksum is reported and the file never takes the target's place.
            Path other = dir.resolve("g.tar.gz");
            IOException e =
                    assertThrows(
                            IOException.class,
                            () ->
                                    Download.fetch(
                                            url, other, payload.length, "00".repeat(32), null));
            assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
            assertFalse(Files.exists(other));
            assertTrue(Files.exists(dir.resolve("g.tar.gz.bad")));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void archiveTableNamesTheOfficialFiles() {
        assertEquals("speech_commands_v0.02.tar.gz", Archive.parse("v0.02").fileName());
        assertThrows(IllegalArgumentException.class, () -> Archive.parse("v3"));
    }
}
