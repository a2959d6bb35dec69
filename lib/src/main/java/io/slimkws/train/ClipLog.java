package io.slimkws.train;

import io.slimkws.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps at which a run's gradient cap ({@link Schedule#clipNorm}) acted, with the gradient's
 * norm before the cap: {@code clipped.csv} in the run's folder, so that a table can say how often a
 * safeguard changed the paper's update. Written at each checkpoint; on resume the steps from the
 * checkpoint on are dropped (they are trained again), so a resumed run records each step once.
 */
public final class ClipLog {
    public static final String FILE = "clipped.csv";
    private static final String HEADER = "step,grad_norm";
    private final List<String> rows = new ArrayList<>();

    /** The log of a run resuming at {@code start} (0: a fresh run, whatever the folder holds). */
    public static ClipLog resume(Path runDir, int start) throws IOException {
        ClipLog c = new ClipLog();
        Path f = runDir.resolve(FILE);
        if (start > 0 && Files.isRegularFile(f)) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.equals(HEADER) && stepOf(f, line) < start) {
                    c.rows.add(line);
                }
            }
        }
        return c;
    }

    /** Notes step {@code step} when the cap acted on its gradient of norm {@code norm}. */
    public void note(int step, double norm, double clipNorm) {
        if (clipNorm > 0 && norm > clipNorm) {
            rows.add(step + "," + norm);
        }
    }

    private static int stepOf(Path f, String line) {
        int comma = line.indexOf(',');
        try {
            return Integer.parseInt(line.substring(0, Math.max(comma, 0)));
        } catch (NumberFormatException e) {
            throw new IllegalStateException(
                    f + ": expected a line \"step,grad_norm\", got \"" + line + "\"", e);
        }
    }

    public void write(Path runDir) {
        AtomicFiles.write(
                runDir.resolve(FILE),
                HEADER + "\n" + String.join("\n", rows) + (rows.isEmpty() ? "" : "\n"));
    }

    /**
     * How many steps of a finished run the cap acted on; -1 when the run has no record (no cap, or
     * trained before the record existed).
     */
    public static int countIn(Path runDir) throws IOException {
        Path f = runDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return -1;
        }
        return (int)
                Files.readAllLines(f, StandardCharsets.UTF_8).stream()
                        .filter(l -> !l.isBlank() && !l.equals(HEADER))
                        .count();
    }

    /** How often a finished run's cap acted, as the tables say it: "" without a cap. */
    public static String actedOn(RunResult r) {
        Schedule s = r.spec().schedule();
        if (s.clipNorm() <= 0) {
            return "";
        }
        try {
            int n = countIn(r.dir());
            return n < 0
                    ? "cap's steps not recorded (trained before clipped.csv)"
                    : String.format(
                            "cap acted on %,d of %,d steps (%.1f %%)",
                            n, s.steps(), 100.0 * n / s.steps());
        } catch (IOException e) {
            return "cap's steps unreadable (" + e.getMessage() + ")";
        }
    }
}
