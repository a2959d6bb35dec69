package io.slimkws.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slimkws.TinyCorpus;
import io.slimkws.data.CorpusLoader;
import io.slimkws.data.KwsData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A finished run that is not whole is never served, a garbage checkpoint marks its run failed, and
 * two trainers never share a run folder. Uses TrainerTest's tiny corpus.
 */
class RunStoreTest {
    @TempDir static Path shared;
    static KwsData data;

    @BeforeAll
    static void corpus() throws Exception {
        Path root = TinyCorpus.write(shared.resolve("corpus"));
        data = KwsData.of(CorpusLoader.of().load(root), shared.resolve("cache"));
    }

    private static Path shared() {
        return shared;
    }

    private static KwsData data() {
        return data;
    }

    private RunSpec tiny(String name) {
        return new RunSpec(
                name,
                Stage.ORIGINAL,
                Algorithm.PLAIN,
                Hyper.none(),
                TrainerTest.sgd(2, 0.01),
                "test",
                data.corpus().fingerprint(),
                3,
                null);
    }

    /**
     * A folder beside {@code dir} named as {@code dir} set aside for {@code why} (kept, not
     * deleted).
     */
    private static void assertSetAside(Path dir, String why) throws IOException {
        try (var s = Files.list(dir.getParent())) {
            List<String> names = s.map(p -> p.getFileName().toString()).toList();
            assertTrue(
                    names.stream().anyMatch(n -> n.startsWith(dir.getFileName() + "." + why + "-")),
                    names.toString());
        }
    }

    @Test
    void aFinishedFolderWithoutAccuracyIsNotARunAndTrainsAgainKeepingTheOldFolder()
            throws Exception {
        RunStore store = new RunStore(shared().resolve("runs-incomplete"), shared());
        RunSpec spec = tiny("incomplete");
        RunResult r = new Runner(store, data(), TrainerTest.QUIET).run(spec);
        Path summary = r.dir().resolve("summary.json");
        Files.writeString(summary, "{\"name\": \"incomplete\", \"sparsity\": 0}");
        IncompleteRunException e =
                assertThrows(IncompleteRunException.class, () -> store.cached(spec));
        assertEquals(summary, e.file());
        assertTrue(
                e.getMessage().contains("summary.json") && e.getMessage().contains("val_acc"),
                e.getMessage());

        Files.writeString(summary, "{\"name\": \"incompl"); // truncated write
        assertThrows(IncompleteRunException.class, () -> store.cached(spec));

        RunResult again = new Runner(store, data(), TrainerTest.QUIET).run(spec);
        assertFalse(again.fromCache(), "retrained, not served");
        assertSetAside(again.dir(), "incomplete");
    }

    @Test
    void aFinishedFolderWithATruncatedModelIsNotARun() throws Exception {
        RunStore store = new RunStore(shared().resolve("runs-nomodel"), shared());
        RunSpec spec = tiny("nomodel");
        RunResult r = new Runner(store, data(), TrainerTest.QUIET).run(spec);
        Path model = r.dir().resolve(RunResult.MODEL);
        byte[] whole = Files.readAllBytes(model);
        Files.write(model, Arrays.copyOf(whole, whole.length / 2)); // a write cut off halfway
        IncompleteRunException half =
                assertThrows(CorruptRunException.class, () -> store.cached(spec));
        assertTrue(
                half.getMessage().contains(RunResult.MODEL)
                        && half.getMessage().contains("has changed since the run finished"),
                half.getMessage());
        Files.write(model, new byte[0]);
        IncompleteRunException e =
                assertThrows(IncompleteRunException.class, () -> store.cached(spec));
        assertTrue(e.getMessage().contains(RunResult.MODEL), e.getMessage());
    }

    /** Zeroes 16 bytes in the middle of a file, in place (same size), as a disk error would. */
    private static void zeroInPlace(Path f) throws Exception {
        byte[] b = Files.readAllBytes(f);
        Arrays.fill(b, b.length / 2, b.length / 2 + 16, (byte) 0);
        Files.write(f, b);
    }

    @Test
    void aModelChangedInPlaceIsCorruptNamedSetAsideAndTrainedAgain() throws Exception {
        RunStore store = new RunStore(shared().resolve("runs-corrupt"), shared());
        RunSpec spec = tiny("corrupt");
        RunResult r = new Runner(store, data(), TrainerTest.QUIET).run(spec);
        Path model = r.dir().resolve(RunResult.MODEL);
        long size = Files.size(model);
        // The digest summary.json records is the file's SHA-256, computed here independently.
        String recorded =
                new ObjectMapper()
                        .readTree(r.dir().resolve("summary.json").toFile())
                        .path("sha256")
                        .path(RunResult.MODEL)
                        .asText();
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        assertEquals(HexFormat.of().formatHex(md.digest(Files.readAllBytes(model))), recorded);

        zeroInPlace(model);
        assertEquals(size, Files.size(model), "same size: only a digest can tell");
        CorruptRunException e = assertThrows(CorruptRunException.class, () -> store.cached(spec));
        assertEquals(model, e.file());
        assertTrue(
                e.getMessage().contains(r.dir().toString())
                        && e.getMessage().contains(RunResult.MODEL)
                        && e.getMessage().contains(recorded),
                e.getMessage());
        assertEquals("corrupt", store.state(spec).word(spec.schedule()));

        RunResult again = new Runner(store, data(), TrainerTest.QUIET).run(spec);
        assertFalse(again.fromCache(), "retrained, not served");
        assertEquals(again.valAcc(), store.cached(spec).valAcc());
        assertSetAside(again.dir(), "corrupt");
    }

    @Test
    void aSummaryWithoutDigestsIsAcceptedOnlyWhenEveryZipEntryReadsBackThenRecordsThem()
            throws Exception {
        RunStore store = new RunStore(shared().resolve("runs-legacy"), shared());
        RunSpec spec = tiny("legacy");
        RunResult r = new Runner(store, data(), TrainerTest.QUIET).run(spec);
        Path summary = r.dir().resolve("summary.json");
        var mapper = new ObjectMapper();
        var json = (ObjectNode) mapper.readTree(summary.toFile());
        json.remove("sha256"); // as summaries were written before they recorded digests
        Files.writeString(summary, json.toPrettyString());
        assertTrue(store.cached(spec) != null, "an intact legacy run is served");
        assertTrue(
                mapper.readTree(summary.toFile()).path("sha256").has(RunResult.LATENT),
                "and its digests are recorded for the next load");

        json.remove("sha256");
        Files.writeString(summary, json.toPrettyString());
        zeroInPlace(r.dir().resolve(RunResult.LATENT));
        IncompleteRunException e =
                assertThrows(IncompleteRunException.class, () -> store.cached(spec));
        assertTrue(
                e.getMessage().contains(RunResult.LATENT)
                        && e.getMessage().contains("not a readable zip"),
                e.getMessage());
    }

    @Test
    void anUnreadableCheckpointIsNamedKeptAsideAndTheRunStartsOverInTheSameAttempt()
            throws Exception {
        RunStore store = new RunStore(shared().resolve("runs-garbage"), shared());
        RunSpec spec = tiny("garbage");
        Path d = store.dir(spec);
        Files.createDirectories(d.resolve("checkpoint"));
        Files.writeString(d.resolve("checkpoint").resolve("step"), "not a step");
        Files.writeString(d.resolve("checkpoint").resolve("net.zip"), "garbage");
        assertEquals("restarts", store.state(spec).word(spec.schedule()), "plan's word for it");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RunResult r = new Runner(store, data(), new PrintStream(log, true)).run(spec);
        assertFalse(r.fromCache());
        assertEquals(2, r.steps());
        String said = log.toString();
        assertTrue(
                said.contains("garbage: cannot read the checkpoint in " + d.resolve("checkpoint"))
                        && said.contains("training from the start"),
                said);
        try (var s = Files.list(d)) {
            assertTrue(
                    s.anyMatch(
                            p -> p.getFileName().toString().startsWith("checkpoint.unreadable-")),
                    "the bad checkpoint is kept");
        }
    }

    @Test
    void aCheckpointChangedInPlaceIsCaughtByItsDigests() throws Exception {
        Path d = shared().resolve("ckpt-digest");
        Files.createDirectories(d);
        new Checkpoint(7, Nd4j.linspace(1, 400, 400), null, List.of("step,loss", "7,0.5")).save(d);
        assertEquals(7, Checkpoint.stepOf(d));
        assertEquals(7, Checkpoint.load(d).step());
        zeroInPlace(d.resolve("checkpoint").resolve("params.bin"));
        IOException e = assertThrows(IOException.class, () -> Checkpoint.load(d));
        assertTrue(
                e.getMessage().contains("params.bin") && e.getMessage().contains("has changed"),
                e.getMessage());
        assertThrows(IOException.class, () -> Checkpoint.stepOf(d));
    }

    @Test
    void aRunBeingTrainedElsewhereIsRefusedWithTheHoldersPid() throws Exception {
        RunStore store = new RunStore(shared().resolve("runs-locked"), shared());
        RunSpec spec = tiny("locked");
        // Another process holds the lock: a child that locks the file and waits.
        Path lock =
                store.dir(spec)
                        .resolveSibling(".locks")
                        .resolve(store.dir(spec).getFileName() + ".lock");
        Files.createDirectories(lock.getParent());
        Process holder =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                LockHolder.class.getName(),
                                lock.toString())
                        .start();
        try {
            assertEquals("locked", new String(holder.getInputStream().readNBytes(6)));
            IllegalStateException e =
                    assertThrows(
                            IllegalStateException.class,
                            () -> new Runner(store, data(), TrainerTest.QUIET).run(spec));
            assertTrue(
                    e.getMessage().contains("locked")
                            && e.getMessage().contains("another process")
                            && e.getMessage().contains("pid " + holder.pid()),
                    e.getMessage());
            assertFalse(
                    Files.exists(store.dir(spec).resolve("status.json")),
                    "nothing of the run was touched");
        } finally {
            holder.destroyForcibly().waitFor();
        }
        // The holder died: the OS released its lock, and the run trains.
        assertFalse(new Runner(store, data(), TrainerTest.QUIET).run(spec).fromCache());
    }

    @Test
    void aRunOfTheSameNameFromAnotherTrainerVersionIsReportedAndNotUsed() throws Exception {
        RunStore store = new RunStore(shared().resolve("runs-stale"), shared());
        RunSpec spec = tiny("stale");
        Path old = store.dir(spec).resolveSibling("stale-0123456789ab");
        Files.createDirectories(old);
        Files.writeString(
                old.resolve("spec.txt"),
                spec.canonical().replace("trainer=" + RunSpec.TRAINER_VERSION, "trainer=1"));
        var buf = new ByteArrayOutputStream();
        RunResult r = new Runner(store, data(), new PrintStream(buf, true)).run(spec);
        assertFalse(r.fromCache());
        String said = buf.toString();
        assertTrue(
                said.contains("stale-0123456789ab")
                        && said.contains("it had trainer=1")
                        && said.contains("this one has trainer=" + RunSpec.TRAINER_VERSION)
                        && said.contains("not used"),
                said);
    }

    @Test
    void aLineOnlyTheNewSpecificationHasIsNamedToo() throws Exception {
        RunStore store = new RunStore(shared().resolve("runs-added"), shared());
        RunSpec spec = tiny("added");
        Path old = store.dir(spec).resolveSibling("added-0123456789ab");
        Files.createDirectories(old);
        // A specification from before a rule revision: the same text, one line fewer.
        Files.writeString(
                old.resolve("spec.txt"),
                spec.canonical().replace("trainer=" + RunSpec.TRAINER_VERSION + "\n", ""));
        var buf = new ByteArrayOutputStream();
        store.reportStale(spec, store.dir(spec), new PrintStream(buf, true));
        String said = buf.toString();
        assertTrue(
                said.contains("(this one has trainer=" + RunSpec.TRAINER_VERSION + ")")
                        && !said.contains("it had"),
                said);
    }

    @Test
    void theSameRunFinishedUnderAnotherNameIsServedAndAnotherSeedIsNot() throws Exception {
        RunStore store = new RunStore(shared().resolve("runs-renamed"), shared());
        RunResult first = new Runner(store, data(), TrainerTest.QUIET).run(tiny("calibration-k10"));
        RunResult adopted = new Runner(store, data(), TrainerTest.QUIET).run(tiny("profile-run"));
        assertTrue(adopted.fromCache(), "same id under another name: not trained twice");
        assertEquals(first.dir(), adopted.dir());
        assertEquals(first.valAcc(), adopted.valAcc());
        RunSpec otherSeed =
                new RunSpec(
                        "profile-run",
                        Stage.ORIGINAL,
                        Algorithm.PLAIN,
                        Hyper.none(),
                        TrainerTest.sgd(2, 0.01),
                        "test",
                        data.corpus().fingerprint(),
                        4,
                        null);
        assertEquals(null, store.cached(otherSeed), "another seed is another run");
    }

    /** Holds an OS lock on a file, as another trainer would, until killed. */
    public static final class LockHolder {
        public static void main(String[] args) throws Exception {
            var ch =
                    FileChannel.open(
                            Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            ch.lock();
            ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid()).getBytes()));
            System.out.print("locked");
            System.out.flush();
            Thread.sleep(600_000);
        }
    }
}
