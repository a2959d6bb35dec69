package io.slimkws.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A file of the corpus that was left out, and why. */
public record BadFile(Path file, String problem) {
    /** How many bad files the console lists before it points to the full list. */
    static final int SHOWN = 20;

    @Override
    public String toString() {
        return file + ": " + problem;
    }

    /**
     * The console's summary: every bad file, or the first {@value #SHOWN} and the path of the full
     * list (written to {@code fullList}), so that none is named only by a count.
     */
    public static String summary(List<BadFile> bad, Path root, Path fullList) throws IOException {
        StringBuilder b =
                new StringBuilder(
                        bad.size()
                                + " bad file(s) in "
                                + root
                                + " left out (--strict stops instead):");
        for (BadFile f : bad.subList(0, Math.min(SHOWN, bad.size()))) {
            b.append("\n  ").append(f);
        }
        if (bad.size() > SHOWN) {
            Files.createDirectories(fullList.getParent());
            Files.write(fullList, bad.stream().map(BadFile::toString).toList());
            b.append("\n  ... and ")
                    .append(bad.size() - SHOWN)
                    .append(" more; the full list is in ")
                    .append(fullList);
        }
        return b.toString();
    }
}
