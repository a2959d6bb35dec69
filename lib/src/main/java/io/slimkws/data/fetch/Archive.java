package io.slimkws.data.fetch;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The official Speech Commands archives, with the byte sizes and SHA-256 digests they are
 * checked against. The archives hold their folders at the top level (no enclosing folder), so
 * each is extracted into a folder of its own name.
 */
public enum Archive {
    V001("v0.01", "https://storage.googleapis.com/download.tensorflow.org/data/speech_commands_v0.01.tar.gz",
            1_489_096_277L, "743935421bb51cccdb6bdd152e04c5c70274e935c82119ad7faeec31780d811d", "speech_commands_v0.01"),
    V002("v0.02", "https://storage.googleapis.com/download.tensorflow.org/data/speech_commands_v0.02.tar.gz",
            2_428_923_189L, "af14739ee7dc311471de98f5f9d2c9191b18aedfe957f4a6ff791c709868ff58", "speech_commands_v0.02"),
    TEST_V002("test-v0.02",
            "https://storage.googleapis.com/download.tensorflow.org/data/speech_commands_test_set_v0.02.tar.gz",
            112_563_277L, "cc2a00c1147c2254e9be3fa0f779d8c17421dc349b86366567a8edfa9acd51df",
            "speech_commands_test_set_v0.02");

    public final String id;
    public final String url;
    public final long size;
    public final String sha256;
    public final String folder;

    Archive(String id, String url, long size, String sha256, String folder) {
        this.id = id;
        this.url = url;
        this.size = size;
        this.sha256 = sha256;
        this.folder = folder;
    }

    public String fileName() {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    public static Archive parse(String id) {
        for (Archive a : values()) {
            if (a.id.equals(id.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown archive '" + id + "'; expected one of "
                + Arrays.stream(values()).map(a -> a.id).collect(Collectors.joining(", ")));
    }
}
