package io.slimkws.data.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slimkws.env.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A Speech Commands archive with the byte size and SHA-256 digest it is checked against. The
 * archives hold their folders at the top level (no enclosing folder), so each is extracted into a
 * folder of its own name. {@link #OFFICIAL} lists the official ones; a JSON file named by {@code
 * SLIMKWS_ARCHIVES} (an array of {id, url, size, sha256, folder}) adds or replaces entries, e.g. a
 * mirror, or the archive a test serves from 127.0.0.1.
 */
public record Archive(String id, String url, long size, String sha256, String folder) {
    public static final List<Archive> OFFICIAL =
            List.of(
                    new Archive(
                            "v0.01",
                            "https://storage.googleapis.com/download.tensorflow.org/data/speech_commands_v0.01.tar.gz",
                            1_489_096_277L,
                            "743935421bb51cccdb6bdd152e04c5c70274e935c82119ad7faeec31780d811d",
                            "speech_commands_v0.01"),
                    new Archive(
                            "v0.02",
                            "https://storage.googleapis.com/download.tensorflow.org/data/speech_commands_v0.02.tar.gz",
                            2_428_923_189L,
                            "af14739ee7dc311471de98f5f9d2c9191b18aedfe957f4a6ff791c709868ff58",
                            "speech_commands_v0.02"),
                    new Archive(
                            "test-v0.02",
                            "https://storage.googleapis.com/download.tensorflow.org/data/speech_commands_test_set_v0.02.tar.gz",
                            112_563_277L,
                            "cc2a00c1147c2254e9be3fa0f779d8c17421dc349b86366567a8edfa9acd51df",
                            "speech_commands_test_set_v0.02"));

    public String fileName() {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /**
     * The official archives, with the entries of the SLIMKWS_ARCHIVES file (if set) taking
     * precedence.
     */
    public static List<Archive> table() {
        List<Archive> all = new ArrayList<>();
        String manifest = Settings.variable("SLIMKWS_ARCHIVES");
        if (manifest != null && !manifest.isBlank()) {
            all.addAll(read(Path.of(manifest)));
        }
        all.addAll(OFFICIAL);
        return all;
    }

    /** Entries of an archive manifest; a missing file or field is named. */
    static List<Archive> read(Path manifest) {
        try {
            List<Archive> out = new ArrayList<>();
            for (JsonNode n : new ObjectMapper().readTree(Files.readString(manifest))) {
                for (String f : new String[] {"id", "url", "size", "sha256", "folder"}) {
                    if (!n.hasNonNull(f)) {
                        throw new IllegalArgumentException(
                                "archive manifest " + manifest + ": an entry has no \"" + f + "\"");
                    }
                }
                out.add(
                        new Archive(
                                n.get("id").asText(),
                                n.get("url").asText(),
                                n.get("size").asLong(),
                                n.get("sha256").asText(),
                                n.get("folder").asText()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the archive manifest " + manifest + " (SLIMKWS_ARCHIVES)", e);
        }
    }

    public static Archive parse(String id) {
        List<Archive> all = table();
        for (Archive a : all) {
            if (a.id().equals(id.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException(
                "unknown archive '"
                        + id
                        + "'; expected one of "
                        + all.stream()
                                .map(Archive::id)
                                .distinct()
                                .collect(Collectors.joining(", ")));
    }
}
