package io.slimkws.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** The two on-disk layouts of Speech Commands this library reads. */
public enum Layout {
    /** The full dataset: a folder per word, _background_noise_, validation/testing lists. */
    FULL,
    /** The canonical 12-class test set: keyword folders plus _silence_ and _unknown_. */
    TEST_SET;

    public static Layout detect(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("data folder " + root + " does not exist");
        }
        if (Files.isDirectory(root.resolve(Labels.SILENCE))
                && Files.isDirectory(root.resolve(Labels.UNKNOWN))) {
            return TEST_SET;
        }
        boolean anyKeyword =
                Labels.KEYWORDS.stream().anyMatch(k -> Files.isDirectory(root.resolve(k)));
        if (anyKeyword) {
            return FULL;
        }
        throw new IllegalArgumentException(
                "data folder "
                        + root
                        + " is not Speech Commands: expected keyword folders (yes, no, ...) and"
                        + " either _silence_ + _unknown_ (test-set layout) or other word folders"
                        + " and _background_noise_ (full dataset)");
    }
}
