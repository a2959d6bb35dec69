package io.slimkws;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the real v0.02 test set is for tests: $SLIMKWS_TEST_DATA, else ../shared/data beside the clone. */
public final class TestData {
    private TestData() {
    }

    public static Optional<Path> testSet() {
        String env = System.getenv("SLIMKWS_TEST_DATA");
        if (env != null && !env.isBlank() && Files.isDirectory(Path.of(env))) {
            return Optional.of(Path.of(env));
        }
        // Surefire runs in lib/; the clone's parent holds shared/.
        for (String rel : new String[] {"../../shared/data/speech_commands_test_set_v0.02",
                "../shared/data/speech_commands_test_set_v0.02"}) {
            Path p = Path.of(rel).toAbsolutePath().normalize();
            if (Files.isDirectory(p.resolve("yes"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
