package io.slimkws.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slimkws.env.EnvironmentReport;
import io.slimkws.files.AtomicFiles;
import io.slimkws.files.Digests;
import io.slimkws.model.ChannelMask;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipInputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * The results cache, files only: one folder per {@link RunSpec} under {@code runs/<profile>/}, its
 * layout, status and provenance. A finished folder is a result only when whole; a failed or
 * incomplete one is moved aside (kept) and never served. {@link Runner} decides whether a run is
 * loaded from here or trained.
 *
 * <p>Folder: spec.txt, status.json, log.csv, checkpoint/, and when finished model.zip (evaluation
 * weights) and latent.zip (float weights w), both DL4J ModelSerializer zips carrying
 * slimkws-provenance.json (spec, data fingerprint, git commit, library version), and summary.json.
 */
public final class RunStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path root;
    private final Path home;

    public RunStore(Path root, Path home) {
        this.root = root;
        this.home = home;
    }

    public Path dir(RunSpec spec) {
        return root.resolve(spec.profile()).resolve(spec.folder());
    }

    /**
     * The finished result of {@code spec}, or null when it has not finished. A folder marked
     * finished whose summary or model is missing, truncated or lacks a field is not a result: it is
     * an {@link IncompleteRunException} naming the file, so that it is never shown as complete.
     */
    public RunResult cached(RunSpec spec) throws IOException {
        Path d = dir(spec);
        JsonNode status = readJsonOrNull(d.resolve("status.json"));
        if (status == null) {
            // The same run (same id: every field that changes what is trained) finished under
            // another
            // name, e.g. a calibration run "-k10" that a profile later adopts: it is this run.
            Path same = finishedWithId(spec.profile(), spec.id());
            return same == null ? null : load(spec, same);
        }
        if (RunStatus.of(status.path("state").asText()) != RunStatus.FINISHED) {
            return null;
        }
        return load(spec, d);
    }

    /** Where {@code spec} stands (see {@link RunState}); never trains, never moves a folder. */
    public RunState state(RunSpec spec) throws IOException {
        try {
            if (cached(spec) != null) {
                return RunState.of(RunState.Kind.FINISHED);
            }
        } catch (CorruptRunException e) {
            return RunState.of(RunState.Kind.CORRUPT);
        } catch (IncompleteRunException e) {
            return RunState.of(RunState.Kind.BROKEN);
        }
        Path d = dir(spec);
        JsonNode status = readJsonOrNull(d.resolve("status.json"));
        if (status != null && RunStatus.of(status.path("state").asText()) == RunStatus.FAILED) {
            return RunState.of(RunState.Kind.FAILED);
        }
        int step;
        try {
            step = Checkpoint.stepOf(d);
        } catch (IOException e) {
            return RunState.of(RunState.Kind.BAD_CHECKPOINT);
        }
        return step >= 0
                ? new RunState(RunState.Kind.PARTIAL, step)
                : RunState.of(RunState.Kind.NOT_STARTED);
    }

    /**
     * Why {@code spec}'s last attempt failed, as its status.json says (e.g. "diverged at step 18:
     * training loss is NaN (learning rate 0.04)", the run's own name left off), or null when it did
     * not fail.
     */
    public String failure(RunSpec spec) throws IOException {
        JsonNode status = readJsonOrNull(dir(spec).resolve("status.json"));
        if (status == null || RunStatus.of(status.path("state").asText()) != RunStatus.FAILED) {
            return null;
        }
        String m = status.path("message").asText("");
        return m.startsWith(spec.name() + " ") ? m.substring(spec.name().length() + 1) : m;
    }

    /**
     * A finished folder of {@code profile} whose run id is {@code id}, under any name; null if
     * none.
     */
    private Path finishedWithId(String profile, String id) throws IOException {
        Path p = root.resolve(profile);
        if (!Files.isDirectory(p)) {
            return null;
        }
        try (var s = Files.list(p)) {
            for (Path d :
                    s.filter(x -> x.getFileName().toString().endsWith("-" + id))
                            .sorted()
                            .toList()) {
                JsonNode st = readJsonOrNull(d.resolve("status.json"));
                if (st != null && RunStatus.of(st.path("state").asText()) == RunStatus.FINISHED) {
                    return d;
                }
            }
        }
        return null;
    }

    /** A finished run's folder, checked field by field (spec null: a warm start found by id). */
    private static RunResult load(RunSpec spec, Path d) throws IOException {
        Path summary = d.resolve("summary.json");
        JsonNode s = readJsonOrNull(summary);
        if (s == null) {
            throw new IncompleteRunException(summary, "is missing or not valid JSON");
        }
        for (String field : new String[] {"val_acc", "test_acc", "sparsity", "steps", "seconds"}) {
            if (!s.path(field).isNumber()) {
                throw new IncompleteRunException(summary, "has no number \"" + field + "\"");
            }
        }
        ChannelMask mask;
        try {
            mask = ChannelMask.parse(s.path("mask").asText());
        } catch (RuntimeException e) {
            throw new IncompleteRunException(
                    summary, "has no valid \"mask\" (" + e.getMessage() + ")");
        }
        ObjectNode digests = JSON.createObjectNode();
        for (String model : new String[] {RunResult.MODEL, RunResult.LATENT}) {
            Path m = d.resolve(model);
            if (!Files.isRegularFile(m) || Files.size(m) == 0) {
                throw new IncompleteRunException(m, "is missing or empty");
            }
            String recorded = s.path("sha256").path(model).asText(null);
            String actual = Digests.sha256(m);
            if (recorded == null) {
                // Written before summaries recorded digests: accepted only when every entry of the
                // zip reads back with its CRC, then its digest is recorded for every later load.
                checkEntries(m);
                digests.put(model, actual);
            } else if (!recorded.equals(actual)) {
                throw new CorruptRunException(m, recorded, actual);
            }
        }
        if (!digests.isEmpty()) {
            ((ObjectNode) s).set("sha256", digests);
            AtomicFiles.write(summary, s.toPrettyString());
        }
        return new RunResult(
                spec,
                d,
                s.path("val_acc").asDouble(),
                s.path("test_acc").asDouble(),
                s.path("sparsity").asDouble(),
                mask,
                s.path("steps").asInt(),
                s.path("seconds").asDouble(),
                true);
    }

    /**
     * Reads every entry of a zip through its CRC check: a truncated or altered zip fails, naming
     * the file.
     */
    private static void checkEntries(Path m) throws IOException {
        // ZipInputStream checks each entry's CRC as it ends (ZipFile does not), stored or deflated.
        try (var z = new ZipInputStream(Files.newInputStream(m))) {
            int entries = 0;
            for (var e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                z.transferTo(OutputStream.nullOutputStream());
                entries++;
            }
            if (entries == 0) {
                throw new IOException("no entries");
            }
        } catch (IOException e) {
            throw new IncompleteRunException(m, "is not a readable zip (" + e.getMessage() + ")");
        }
    }

    /**
     * {@link #cached}, with an incomplete or failed folder moved aside (kept, never deleted) so the
     * run trains again.
     */
    RunResult cachedOrSetAside(RunSpec spec, PrintStream out) throws IOException {
        Path d = dir(spec);
        try {
            RunResult r = cached(spec);
            if (r != null) {
                return r;
            }
        } catch (IncompleteRunException e) {
            Path aside = setAside(d, e instanceof CorruptRunException ? "corrupt" : "incomplete");
            out.println(
                    spec.name()
                            + ": "
                            + e.getMessage()
                            + "; the folder is kept as "
                            + aside.getFileName()
                            + ", training again");
            return null;
        }
        JsonNode status = readJsonOrNull(d.resolve("status.json"));
        if (status != null && RunStatus.of(status.path("state").asText()) == RunStatus.FAILED) {
            Path aside = setAside(d, "failed");
            out.println(
                    spec.name()
                            + ": the previous attempt failed ("
                            + status.path("message").asText()
                            + "); kept in "
                            + aside.getFileName()
                            + ", training again");
        }
        return null;
    }

    /**
     * A run of the same name whose specification differs (another trainer version, schedule or
     * data) is never used: say which of its lines differ, so that a retraining is never silent.
     */
    void reportStale(RunSpec spec, Path d, PrintStream out) throws IOException {
        Path parent = d.getParent();
        if (!Files.isDirectory(parent)) {
            return;
        }
        String prefix = spec.folder().substring(0, spec.folder().length() - spec.id().length());
        List<String> now = Arrays.asList(spec.canonical().split("\n"));
        try (var st = Files.list(parent)) {
            for (Path other :
                    st.filter(
                                    x ->
                                            x.getFileName()
                                                    .toString()
                                                    .matches(
                                                            Pattern.quote(prefix) + "[0-9a-f]{12}"))
                            .sorted()
                            .toList()) {
                Path specFile = other.resolve("spec.txt");
                if (!Files.isRegularFile(specFile)) {
                    continue;
                }
                List<String> then = Files.readAllLines(specFile, StandardCharsets.UTF_8);
                List<String> before = then.stream().filter(l -> !now.contains(l)).toList();
                List<String> added = now.stream().filter(l -> !then.contains(l)).toList();
                out.println(
                        spec.name()
                                + ": "
                                + home.relativize(other)
                                + " was trained under another specification ("
                                + (before.isEmpty() ? "" : "it had " + String.join("; ", before))
                                + (before.isEmpty() || added.isEmpty() ? "" : "; ")
                                + (added.isEmpty()
                                        ? ""
                                        : "this one has " + String.join("; ", added))
                                + "); it is not used, training this one");
            }
        }
    }

    private static Path setAside(Path d, String why) throws IOException {
        Path aside =
                d.resolveSibling(d.getFileName() + "." + why + "-" + Instant.now().toEpochMilli());
        Files.move(d, aside, StandardCopyOption.ATOMIC_MOVE);
        return aside;
    }

    /** The repository root (for paths in messages and the feature cache). */
    public Path home() {
        return home;
    }

    /**
     * Opens a run's folder for training: reports a same-named run of another specification, writes
     * spec.txt, and returns the checkpoint to resume from (null: start), with the status "running".
     */
    Checkpoint begin(RunSpec spec, PrintStream out) throws IOException {
        Path d = dir(spec);
        if (!Files.exists(d)) {
            reportStale(spec, d, out);
        }
        Files.createDirectories(d);
        AtomicFiles.write(d.resolve("spec.txt"), spec.canonical());
        Checkpoint resume;
        try {
            resume = Checkpoint.load(d);
        } catch (IOException | RuntimeException e) {
            // An unreadable checkpoint is kept aside and the run starts over, in this attempt.
            Path aside = null;
            for (String name : new String[] {Checkpoint.DIR, Checkpoint.DIR + ".old"}) {
                if (Files.exists(d.resolve(name))) {
                    aside = setAside(d.resolve(name), "unreadable");
                }
            }
            out.println(
                    spec.name()
                            + ": cannot read the checkpoint in "
                            + d.resolve(Checkpoint.DIR)
                            + " ("
                            + e.getMessage()
                            + "); it is kept as "
                            + (aside == null ? "-" : aside.getFileName())
                            + ", training from the start");
            resume = null;
        }
        if (resume != null) {
            out.println(
                    spec.name() + ": resuming at step " + resume.step() + " from its checkpoint");
        }
        writeStatus(
                d,
                RunStatus.RUNNING,
                resume == null ? "started" : "resumed at step " + resume.step());
        return resume;
    }

    /**
     * Keeps a finished run: both networks (with provenance), summary.json, status "finished"; the
     * checkpoint goes.
     */
    RunResult finish(
            RunSpec spec,
            MultiLayerNetwork eval,
            MultiLayerNetwork latent,
            double val,
            double test,
            ChannelMask mask,
            double seconds,
            double sessionSeconds)
            throws IOException {
        Path d = dir(spec);
        String provenance = provenance(spec);
        saveModel(eval, d.resolve(RunResult.MODEL), provenance);
        saveModel(latent, d.resolve(RunResult.LATENT), provenance);
        ObjectNode s = JSON.createObjectNode();
        s.put("name", spec.name())
                .put("val_acc", val)
                .put("test_acc", test)
                .put("sparsity", 100 * mask.sparsity())
                .put("mask", mask.toString())
                .put("steps", spec.schedule().steps())
                .put("seconds", seconds)
                .put("this_session_seconds", sessionSeconds);
        // Every later load checks the networks against these digests (a file changed in place is
        // never served).
        s.putObject("sha256")
                .put(RunResult.MODEL, Digests.sha256(d.resolve(RunResult.MODEL)))
                .put(RunResult.LATENT, Digests.sha256(d.resolve(RunResult.LATENT)));
        AtomicFiles.write(d.resolve("summary.json"), s.toPrettyString());
        writeStatus(d, RunStatus.FINISHED, "ok");
        Checkpoint.delete(d);
        return new RunResult(
                spec,
                d,
                val,
                test,
                100 * mask.sparsity(),
                mask,
                spec.schedule().steps(),
                seconds,
                false);
    }

    /** Marks a run failed with its reason (never left looking like it still runs). */
    void fail(RunSpec spec, String message) {
        writeStatus(dir(spec), RunStatus.FAILED, message);
    }

    /** A finished run of a profile by id (for warm starts). */
    public RunResult byId(String profile, String id) throws IOException {
        Path p = root.resolve(profile);
        Path d = finishedWithId(profile, id);
        if (d != null) {
            return load(null, d);
        }
        throw new IllegalStateException(
                "warm-start run "
                        + id
                        + " of profile "
                        + profile
                        + " has not finished (looked in "
                        + p
                        + ")");
    }

    private String provenance(RunSpec spec) {
        ObjectNode p = JSON.createObjectNode();
        p.put("run", spec.name())
                .put("id", spec.id())
                .put("spec", spec.canonical())
                .put("data_fingerprint", spec.dataFingerprint())
                .put("git_commit", EnvironmentReport.gitCommit(home))
                .put("library_version", EnvironmentReport.libraryVersion())
                .put("created", Instant.now().toString());
        return p.toPrettyString();
    }

    private static void saveModel(MultiLayerNetwork net, Path file, String provenance)
            throws IOException {
        AtomicFiles.replace(
                file,
                tmp -> {
                    ModelSerializer.writeModel(net, tmp.toFile(), false);
                    ModelSerializer.addObjectToFile(
                            tmp.toFile(), "slimkws-provenance.json", provenance);
                });
    }

    /** The provenance a saved model carries. */
    public static String provenanceOf(Path modelZip) throws IOException {
        return ModelSerializer.getObjectFromFile(modelZip.toFile(), "slimkws-provenance.json");
    }

    static void writeStatus(Path d, RunStatus state, String message) {
        ObjectNode s = JSON.createObjectNode();
        s.put("state", state.word()).put("message", message).put("time", Instant.now().toString());
        AtomicFiles.write(d.resolve("status.json"), s.toPrettyString());
    }

    /**
     * The JSON in {@code f}, or null when it is missing, empty or not valid JSON (a truncated
     * write).
     */
    private static JsonNode readJsonOrNull(Path f) throws IOException {
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
            return n == null || n.isMissingNode() ? null : n;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
