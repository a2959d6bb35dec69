package io.slimkws.data.fetch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * data-scripts/download: fetch, verify and extract an official Speech Commands archive, then print
 * the folder to pass as --data.
 *
 * <pre>data-scripts/download v0.02 [--dir data]</pre>
 */
public final class DownloadMain {
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args[0].startsWith("-")) {
            System.err.println("usage: data-scripts/download v0.01|v0.02|test-v0.02 [--dir DIR]");
            System.exit(2);
        }
        Archive a;
        try {
            a = Archive.parse(args[0]);
        } catch (IllegalArgumentException e) {
            System.err.println("download: error: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path dir = Path.of("data");
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--dir") && i + 1 < args.length) {
                dir = Path.of(args[++i]);
            } else {
                System.err.println(
                        "download: error: unknown option '" + args[i] + "' (expected --dir DIR)");
                System.exit(2);
            }
        }
        Path folder = dir.resolve(a.folder()).toAbsolutePath();
        if (SafeExtract.isComplete(folder)) {
            System.err.println("download: " + folder + " is already complete");
        } else {
            Path archive = dir.resolve(a.fileName());
            System.err.printf("download: %s (%,d bytes) -> %s%n", a.url(), a.size(), archive);
            long[] last = {0};
            try {
                Download.fetch(
                        a.url(),
                        archive,
                        a.size(),
                        a.sha256(),
                        done -> {
                            // A line every tenth of the archive, and the last one.
                            if (done - last[0] >= a.size() / 10 || done == a.size()) {
                                System.err.printf(
                                        "  %5.1f %% (%,d / %,d bytes)%n",
                                        100.0 * done / a.size(), done, a.size());
                                last[0] = done;
                            }
                        });
            } catch (IOException e) {
                System.err.println("download: error: " + e.getMessage());
                System.exit(1);
            }
            System.err.println("download: size and SHA-256 verified; extracting");
            long n;
            try {
                n =
                        SafeExtract.extract(
                                archive,
                                folder,
                                "archive " + a.fileName() + " sha256 " + a.sha256());
            } catch (SafeExtract.UnsafeArchiveException e) {
                // Not a network fault: fetching again gives the same archive.
                System.err.println(
                        "download: error: unsafe archive, refused: "
                                + e.getMessage()
                                + "; nothing was written outside "
                                + folder.getParent()
                                + "; the archive is kept at "
                                + archive.toAbsolutePath()
                                + " (check where it came from: SLIMKWS_ARCHIVES or the official"
                                + " URL)");
                System.exit(3);
                return;
            } catch (IOException e) {
                System.err.println(
                        "download: error: cannot extract "
                                + archive.toAbsolutePath()
                                + ": "
                                + e.getMessage());
                System.exit(4);
                return;
            }
            System.err.println("download: extracted " + n + " files into " + folder);
            Files.deleteIfExists(archive);
        }
        System.out.println("--data " + folder);
    }
}
