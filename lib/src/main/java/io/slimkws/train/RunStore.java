package io.slimkws.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slimkws.data.FeatureCache;
import io.slimkws.data.KwsData;
import io.slimkws.env.EnvironmentReport;
import io.slimkws.model.ChannelMask;
import io.slimkws.model.KwsCnn;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.function.IntPredicate;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The results cache: one folder per {@link RunSpec} under {@code runs/<profile>/}. A finished run
 * is loaded, never retrained; a run that was killed resumes from its last checkpoint; a run that
 * failed or diverged is marked failed with its message, moved aside when retried, and never
 * served as a result.
 *
 * <p>Folder: spec.txt, status.json, log.csv, checkpoint/, and when finished model.zip (evaluation
 * weights) and latent.zip (float weights w), both DL4J ModelSerializer zips carrying
 * slimkws-provenance.json (spec, data fingerprint, git commit, library version), and summary.json.
 */
public final class RunStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path root;
    private final Path home;

    /** Run folders already reported as loaded from the cache in this JVM. */
    private static final java.util.Set<Path> ANNOUNCED = java.util.concurrent.ConcurrentHashMap.newKeySet();

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
            // The same run (same id: every field that changes what is trained) finished under another
            // name, e.g. a calibration run "-k10" that a profile later adopts: it is this run.
            Path same = finishedWithId(spec.profile(), spec.id());
            return same == null ? null : load(spec, same);
        }
        if (RunStatus.of(status.path("state").asText()) != RunStatus.FINISHED) {
            return null;
        }
        return load(spec, d);
    }

    /** A finished folder of {@code profile} whose run id is {@code id}, under any name; null if none. */
    private Path finishedWithId(String profile, String id) throws IOException {
        Path p = root.resolve(profile);
        if (!Files.isDirectory(p)) {
            return null;
        }
        try (var s = Files.list(p)) {
            for (Path d : s.filter(x -> x.getFileName().toString().endsWith("-" + id)).sorted().toList()) {
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
            throw new IncompleteRunException(summary, "has no valid \"mask\" (" + e.getMessage() + ")");
        }
        for (String model : new String[] {RunResult.MODEL, RunResult.LATENT}) {
            Path m = d.resolve(model);
            if (!Files.isRegularFile(m) || Files.size(m) == 0) {
                throw new IncompleteRunException(m, "is missing or empty");
            }
            try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(m.toFile())) {
                z.size(); // a truncated zip has no central directory and fails to open
            } catch (IOException e) {
                throw new IncompleteRunException(m, "is not a readable zip (" + e.getMessage() + ")");
            }
        }
        return new RunResult(spec, d, s.path("val_acc").asDouble(), s.path("test_acc").asDouble(), s.path("sparsity").asDouble(), mask,
                s.path("steps").asInt(), s.path("seconds").asDouble(), true);
    }

    public RunResult run(RunSpec spec, KwsData data, PrintStream out) throws IOException {
        return run(spec, data, out, null);
    }

    /** Loads, resumes or trains {@code spec}. {@code stopAfter} is a test hook that simulates a kill. */
    public RunResult run(RunSpec spec, KwsData data, PrintStream out, IntPredicate stopAfter) throws IOException {
        RunResult done = cachedOrSetAside(spec, out);
        if (done != null) {
            if (ANNOUNCED.add(done.dir())) { // one line per run, not one per lookup
                out.println(spec.name() + ": finished earlier, loaded from " + home.relativize(done.dir()));
            }
            return done;
        }
        try (RunLock lock = RunLock.acquire(dir(spec), spec.name())) {
            // Another process may have finished it while this one waited for nothing: look again under the lock.
            done = cachedOrSetAside(spec, out);
            if (done != null) {
                out.println(spec.name() + ": finished by another process, loaded from " + home.relativize(done.dir()));
                return done;
            }
            return train(spec, data, out, stopAfter);
        }
    }

    /** {@link #cached}, with an incomplete or failed folder moved aside (kept, never deleted) so the run trains again. */
    private RunResult cachedOrSetAside(RunSpec spec, PrintStream out) throws IOException {
        Path d = dir(spec);
        try {
            RunResult r = cached(spec);
            if (r != null) {
                return r;
            }
        } catch (IncompleteRunException e) {
            Path aside = setAside(d, "incomplete");
            out.println(spec.name() + ": " + e.getMessage() + "; the folder is kept as " + aside.getFileName() + ", training again");
            return null;
        }
        JsonNode status = readJsonOrNull(d.resolve("status.json"));
        if (status != null && RunStatus.of(status.path("state").asText()) == RunStatus.FAILED) {
            Path aside = setAside(d, "failed");
            out.println(spec.name() + ": the previous attempt failed (" + status.path("message").asText() + "); kept in "
                    + aside.getFileName() + ", training again");
        }
        return null;
    }

    /**
     * A run of the same name whose specification differs (another trainer version, schedule or
     * data) is never used: say which of its lines differ, so that a retraining is never silent.
     */
    private void reportStale(RunSpec spec, Path d, PrintStream out) throws IOException {
        Path parent = d.getParent();
        if (!Files.isDirectory(parent)) {
            return;
        }
        String prefix = spec.folder().substring(0, spec.folder().length() - spec.id().length());
        java.util.List<String> now = java.util.Arrays.asList(spec.canonical().split("\n"));
        try (var st = Files.list(parent)) {
            for (Path other : st.filter(x -> x.getFileName().toString().matches(java.util.regex.Pattern.quote(prefix) + "[0-9a-f]{12}"))
                    .sorted().toList()) {
                Path specFile = other.resolve("spec.txt");
                if (!Files.isRegularFile(specFile)) {
                    continue;
                }
                java.util.List<String> then = Files.readAllLines(specFile, StandardCharsets.UTF_8);
                java.util.List<String> changed = then.stream().filter(l -> !now.contains(l)).toList();
                out.println(spec.name() + ": " + home.relativize(other) + " was trained under another specification ("
                        + String.join("; ", changed) + "); it is not used, training this one");
            }
        }
    }

    private static Path setAside(Path d, String why) throws IOException {
        Path aside = d.resolveSibling(d.getFileName() + "." + why + "-" + Instant.now().toEpochMilli());
        Files.move(d, aside, StandardCopyOption.ATOMIC_MOVE);
        return aside;
    }

    private RunResult train(RunSpec spec, KwsData data, PrintStream out, IntPredicate stopAfter) throws IOException {
        Path d = dir(spec);
        if (!Files.exists(d)) {
            reportStale(spec, d, out);
        }
        Files.createDirectories(d);
        io.slimkws.files.AtomicFiles.write(d.resolve("spec.txt"), spec.canonical());
        try {
            Checkpoint resume;
            try {
                resume = Checkpoint.load(d);
            } catch (IOException | RuntimeException e) {
                throw new IOException("cannot read the checkpoint in " + d.resolve("checkpoint") + " (" + e.getMessage()
                        + "); the run is marked failed and trains from the start when run again", e);
            }
            writeStatus(d, RunStatus.RUNNING, resume == null ? "started" : "resumed at step " + resume.step());
            if (resume != null) {
                out.println(spec.name() + ": resuming from the checkpoint at step " + resume.step());
            }
            MultiLayerNetwork net = KwsCnn.build(spec.schedule().updater(), KwsCnn.KEEP_PROBABILITY, spec.seed());
            ChannelMask mask = null;
            if (spec.warmStart() != null) {
                RunResult warm = byId(spec.profile(), spec.warmStart());
                net.params().assign(warm.model().params());
                mask = warm.mask();
            }
            io.slimkws.data.FeatureSet trainEval = trainEvalFeatures(data, spec.schedule().trainEvalClips());
            Trainer t = new Trainer(spec, data, net, mask, trainEval);
            long t0 = System.nanoTime();
            TrainingLog log = t.train(d, resume, out, stopAfter);
            if (stopAfter != null && lastStep(log) < spec.schedule().steps()) {
                return null; // simulated kill: leave the run resumable
            }
            MultiLayerNetwork eval = t.evaluationNetwork();
            double test = Trainer.accuracy(eval, data.testing());
            double val = Trainer.accuracy(eval, data.validation());
            INDArray w2 = eval.getLayer(KwsCnn.CONV2).getParam("W");
            double tol = spec.algorithm() == Algorithm.GL ? Trainer.GL_TOLERANCE : 0.0;
            ChannelMask finalMask = ChannelMask.fromWeights(w2, tol);
            String provenance = provenance(spec);
            saveModel(eval, d.resolve(RunResult.MODEL), provenance);
            saveModel(net, d.resolve(RunResult.LATENT), provenance);
            double seconds = log.last().map(TrainingLog.Row::seconds).orElse(0.0);
            ObjectNode s = JSON.createObjectNode();
            s.put("name", spec.name()).put("val_acc", val).put("test_acc", test).put("sparsity", 100 * finalMask.sparsity())
                    .put("mask", finalMask.toString()).put("steps", spec.schedule().steps()).put("seconds", seconds)
                    .put("this_session_seconds", (System.nanoTime() - t0) / 1e9);
            io.slimkws.files.AtomicFiles.write(d.resolve("summary.json"), s.toPrettyString());
            writeStatus(d, RunStatus.FINISHED, "ok");
            Checkpoint.delete(d);
            out.println(String.format("%s: finished, validation %.2f %%, test %.2f %%, channel sparsity %.1f %%", spec.name(), val,
                    test, 100 * finalMask.sparsity()));
            return new RunResult(spec, d, val, test, 100 * finalMask.sparsity(), finalMask, spec.schedule().steps(), seconds, false);
        } catch (DivergedException e) {
            writeStatus(d, RunStatus.FAILED, e.getMessage());
            throw e;
        } catch (RuntimeException | IOException | Error e) {
            // Errors too (out of memory, a class gone from a jar rebuilt under a running JVM):
            // the run must never be left looking like it is still running.
            writeStatus(d, RunStatus.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
    }

    private static int lastStep(TrainingLog log) {
        return log.last().map(TrainingLog.Row::step).orElse(0);
    }

    /** A finished run of a profile by id (for warm starts). */
    public RunResult byId(String profile, String id) throws IOException {
        Path p = root.resolve(profile);
        Path d = finishedWithId(profile, id);
        if (d != null) {
            return load(null, d);
        }
        throw new IllegalStateException("warm-start run " + id + " of profile " + profile + " has not finished (looked in " + p + ")");
    }

    private io.slimkws.data.FeatureSet trainEvalFeatures(KwsData data, int n) throws IOException {
        // Every k-th training clip: the list is grouped by label, so a prefix would be one class.
        var all = data.training();
        int stride = Math.max(1, all.size() / Math.max(1, n));
        var clips = new java.util.ArrayList<io.slimkws.data.Clip>();
        for (int i = 0; i < all.size() && clips.size() < n; i += stride) {
            clips.add(all.get(i));
        }
        return new FeatureCache(home.resolve("cache").resolve("features")).features(clips, data.noise());
    }

    private String provenance(RunSpec spec) {
        ObjectNode p = JSON.createObjectNode();
        p.put("run", spec.name()).put("id", spec.id()).put("spec", spec.canonical())
                .put("data_fingerprint", spec.dataFingerprint()).put("git_commit", EnvironmentReport.gitCommit(home))
                .put("library_version", EnvironmentReport.libraryVersion()).put("created", Instant.now().toString());
        return p.toPrettyString();
    }

    private static void saveModel(MultiLayerNetwork net, Path file, String provenance) throws IOException {
        io.slimkws.files.AtomicFiles.replace(file, tmp -> {
            ModelSerializer.writeModel(net, tmp.toFile(), false);
            ModelSerializer.addObjectToFile(tmp.toFile(), "slimkws-provenance.json", provenance);
        });
    }

    /** The provenance a saved model carries. */
    public static String provenanceOf(Path modelZip) throws IOException {
        return ModelSerializer.getObjectFromFile(modelZip.toFile(), "slimkws-provenance.json");
    }

    private static void writeStatus(Path d, RunStatus state, String message) {
        ObjectNode s = JSON.createObjectNode();
        s.put("state", state.word()).put("message", message).put("time", Instant.now().toString());
        io.slimkws.files.AtomicFiles.write(d.resolve("status.json"), s.toPrettyString());
    }

    /** The JSON in {@code f}, or null when it is missing, empty or not valid JSON (a truncated write). */
    private static JsonNode readJsonOrNull(Path f) throws IOException {
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
            return n == null || n.isMissingNode() ? null : n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }
}
