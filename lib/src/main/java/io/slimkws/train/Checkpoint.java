package io.slimkws.train;

import io.slimkws.files.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A resumable snapshot, written at every evaluation: the step reached, the network's parameters
 * (the float weights w), the optimiser's state and the log so far. Written to a fresh folder that
 * replaces the previous one by rename, so a kill at any moment leaves one whole checkpoint.
 */
public record Checkpoint(int step, INDArray params, INDArray optimizerState, List<String> logRows) {

    public static final String DIR = "checkpoint";

    /** The files of a checkpoint whose SHA-256 it records, in the file {@link #DIGESTS}. */
    private static final String[] FILES = {"params.bin", "optimizer.bin", "log.csv", "step"};

    private static final String DIGESTS = "sha256";

    public void save(Path runDir) throws IOException {
        Path tmp = runDir.resolve(DIR + ".tmp");
        Path dst = runDir.resolve(DIR);
        Path old = runDir.resolve(DIR + ".old");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        Nd4j.saveBinary(params, tmp.resolve("params.bin").toFile());
        if (optimizerState != null) {
            Nd4j.saveBinary(optimizerState, tmp.resolve("optimizer.bin").toFile());
        }
        Files.write(tmp.resolve("log.csv"), logRows, StandardCharsets.UTF_8);
        Files.writeString(tmp.resolve("step"), Integer.toString(step));
        // Digests last: a file changed after this (in place, by a disk or a hand) is caught on
        // load.
        List<String> digests = new ArrayList<>();
        for (String f : FILES) {
            if (Files.exists(tmp.resolve(f))) {
                digests.add(f + " " + Digests.sha256(tmp.resolve(f)));
            }
        }
        Files.write(tmp.resolve(DIGESTS), digests, StandardCharsets.UTF_8);
        deleteTree(old);
        if (Files.exists(dst)) {
            Files.move(dst, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, dst, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
    }

    /** The last whole checkpoint of a run, or null. */
    public static Checkpoint load(Path runDir) throws IOException {
        Path dir = whole(runDir);
        if (dir == null) {
            return null;
        }
        verify(dir);
        int step = readStep(dir);
        INDArray p = Nd4j.readBinary(dir.resolve("params.bin").toFile());
        Path opt = dir.resolve("optimizer.bin");
        INDArray o = Files.exists(opt) ? Nd4j.readBinary(opt.toFile()) : null;
        return new Checkpoint(
                step, p, o, Files.readAllLines(dir.resolve("log.csv"), StandardCharsets.UTF_8));
    }

    /**
     * The step of a run's last whole checkpoint (read without its parameters), or -1 when it has
     * none.
     */
    public static int stepOf(Path runDir) throws IOException {
        Path dir = whole(runDir);
        if (dir == null) {
            return -1;
        }
        verify(dir);
        return readStep(dir);
    }

    /**
     * Checks every file against the digests the checkpoint recorded (a checkpoint written before
     * digests were recorded has none to check).
     */
    private static void verify(Path dir) throws IOException {
        Path list = dir.resolve(DIGESTS);
        if (!Files.exists(list)) {
            return;
        }
        for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            String[] f = line.trim().split(" ");
            if (f.length != 2) {
                throw new IOException(list + " has a line that is not 'file digest': " + line);
            }
            Path file = dir.resolve(f[0]);
            if (!Files.isRegularFile(file)) {
                throw new IOException(file + " is missing");
            }
            String actual = Digests.sha256(file);
            if (!actual.equals(f[1])) {
                throw new IOException(
                        file
                                + " has changed since it was written (SHA-256 "
                                + actual
                                + ", recorded "
                                + f[1]
                                + ")");
            }
        }
    }

    /**
     * The folder of the last whole checkpoint: the current one, else the old one (killed between
     * the two renames); null if neither.
     */
    private static Path whole(Path runDir) {
        for (String name : new String[] {DIR, DIR + ".old"}) {
            if (Files.isRegularFile(runDir.resolve(name).resolve("step"))) {
                return runDir.resolve(name);
            }
        }
        return null;
    }

    private static int readStep(Path dir) throws IOException {
        Path f = dir.resolve("step");
        try {
            return Integer.parseInt(Files.readString(f).trim());
        } catch (NumberFormatException e) {
            throw new IOException(f + " holds no step number (" + e.getMessage() + ")", e);
        }
    }

    public static void delete(Path runDir) throws IOException {
        deleteTree(runDir.resolve(DIR));
        deleteTree(runDir.resolve(DIR + ".old"));
        deleteTree(runDir.resolve(DIR + ".tmp"));
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
