package io.slimkws.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slimkws.TinyCorpus;
import io.slimkws.data.CorpusLoader;
import io.slimkws.data.KwsData;
import io.slimkws.data.Split;
import io.slimkws.env.Profile;
import io.slimkws.env.Settings;
import io.slimkws.paper.Calibration;
import io.slimkws.paper.Experiments;
import io.slimkws.paper.PaperRun;
import io.slimkws.study.StudyRuns;
import io.slimkws.train.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shards are disjoint, cover every run of every seed once, keep warm-start chains whole and are
 * balanced; two shards trained at once into one runs/ folder train every run exactly once.
 */
class ShardsTest {
    @TempDir Path tmp;

    /**
     * The mini profile's runs under two seeds, over a tiny corpus (slicing reads only the plan).
     */
    private Experiments miniExperiments() throws IOException {
        var c = CorpusLoader.of().load(TinyCorpus.write(tmp.resolve("corpus")));
        KwsData data = new KwsData(c, null, c.clips(Split.TRAINING), null, null);
        return new Experiments(
                new Settings(Profile.parse("mini"), Optional.empty(), tmp, tmp, 2, false),
                data,
                System.out);
    }

    @Test
    void slicesAreDisjointCoverEveryRunOnceAndAreBalanced() throws Exception {
        Experiments e = miniExperiments();
        for (boolean withBeyond : new boolean[] {false, true}) {
            List<List<Shards.Unit>> shards = Shards.of(e.perSeed(), 3, withBeyond);
            List<String> names = new ArrayList<>();
            long[] load = new long[3];
            long longest = 0;
            for (int i = 0; i < 3; i++) {
                for (Shards.Unit u : shards.get(i)) {
                    load[i] += u.samples();
                    longest = Math.max(longest, u.samples());
                    names.add(u.name());
                }
            }
            // By hand: the chains end at original, GL, GSBC and the two Stage III runs (every other
            // run is in one of them).
            List<String> expected = new ArrayList<>();
            for (String seed : new String[] {"", "-seed2"}) {
                for (String end :
                        new String[] {
                            "original",
                            "stage1-GL-mu0.6",
                            "stage1-GSBC-lambda0.04",
                            "stage3-binary-lambda0.04",
                            "stage3-binary-lambda0.05"
                        }) {
                    expected.add(end + seed);
                }
            }
            if (withBeyond) {
                // One unit per penalty family of the study (BeyondTest holds the families
                // themselves).
                StudyRuns.families().forEach(f -> expected.add("beyond: " + f));
            }
            assertEquals(new HashSet<>(expected), new HashSet<>(names), "every unit once");
            assertEquals(expected.size(), names.size(), "no unit twice: " + names);
            // Samples of a chain: its runs' schedules summed (mini: Stage III λ = 0.05 is RGSM 900
            // + Stage II 300 + Stage III 750 steps of 100).
            long total = 0;
            for (var sh : shards) {
                for (Shards.Unit u : sh) {
                    total += u.samples();
                    if (u.name().equals("stage3-binary-lambda0.05")) {
                        assertEquals((900 + 300 + 750) * 100L, u.samples());
                    }
                    if (u.name().equals("beyond: group ℓ0")) {
                        assertEquals(
                                (2 * 900 + 300 + 750) * 100L,
                                u.samples(),
                                "two Stage-I runs at k = 20, then Stages II and III");
                    }
                }
            }
            assertEquals(total, load[0] + load[1] + load[2]);
            long max = Math.max(load[0], Math.max(load[1], load[2]));
            long min = Math.min(load[0], Math.min(load[1], load[2]));
            assertTrue(max - min <= longest, "loads " + Arrays.toString(load));
        }
        // --only beyond: the study's families and the paper's runs it reads, nothing else.
        List<String> study = new ArrayList<>();
        Shards.study(e.perSeed(), 2).forEach(sh -> sh.forEach(u -> study.add(u.name())));
        List<String> expected =
                new ArrayList<>(
                        List.of("original", "stage1-RGSM-lambda0.04", "stage3-binary-lambda0.05"));
        StudyRuns.families().forEach(f -> expected.add("beyond: " + f));
        assertEquals(new HashSet<>(expected), new HashSet<>(study));
        assertEquals(expected.size(), study.size(), "no unit twice: " + study);
        assertEquals(List.of(2, 4), List.of(Shards.parse("2/4")[0], Shards.parse("2/4")[1]));
        assertThrows(IllegalArgumentException.class, () -> Shards.parse("5/4"));
        assertThrows(IllegalArgumentException.class, () -> Shards.parse("0/4"));
    }

    /** The least possible load of the busiest of n shards, by trying every assignment. */
    private static long bruteForceBusiest(long[] samples, int n) {
        long best = Long.MAX_VALUE;
        int[] shardOf = new int[samples.length];
        for (long code = 0; code < (long) Math.pow(n, samples.length); code++) {
            long c = code;
            long[] load = new long[n];
            for (int u = 0; u < samples.length; u++) {
                shardOf[u] = (int) (c % n);
                c /= n;
                load[shardOf[u]] += samples[u];
            }
            best = Math.min(best, Arrays.stream(load).max().getAsLong());
        }
        return best;
    }

    @Test
    void slicesReachTheBruteForceBalanceWhereLongestFirstAloneDoesNot() throws Exception {
        // The study's five families on mini (thousands of samples): longest first alone gives
        // 285 + 195 + 195 = 675 against 480; trying every assignment gives 585 against 570.
        long[] study = {285, 285, 195, 195, 195};
        assertEquals(585, bruteForceBusiest(study, 2));
        java.util.Random random = new java.util.Random(7);
        List<long[]> cases = new ArrayList<>(List.of(study));
        for (int k = 0; k < 40; k++) {
            long[] c = new long[3 + random.nextInt(6)];
            for (int u = 0; u < c.length; u++) {
                c[u] = 1 + random.nextInt(30);
            }
            cases.add(c);
        }
        int optimal = 0;
        for (long[] c : cases) {
            for (int n = 2; n <= 3; n++) {
                List<Shards.Unit> units = new ArrayList<>();
                for (int u = 0; u < c.length; u++) {
                    units.add(new Shards.Unit("u" + u, c[u], () -> {}));
                }
                List<List<Shards.Unit>> shards = Shards.of(units, n);
                long busiest = shards.stream().mapToLong(Shards::load).max().getAsLong();
                long best = bruteForceBusiest(c, n);
                assertTrue(busiest >= best);
                optimal += busiest == best ? 1 : 0;
                // Never worse than longest first alone (a slice's sum of units never exceeds the
                // greedy bound: the least loaded shard plus the longest unit).
                long total = Arrays.stream(c).sum();
                long longest = Arrays.stream(c).max().getAsLong();
                assertTrue(busiest <= total / n + longest, Arrays.toString(c));
                assertEquals(c.length, shards.stream().mapToInt(List::size).sum());
            }
        }
        List<List<Shards.Unit>> shards =
                Shards.of(
                        List.of(
                                new Shards.Unit("a", 285, () -> {}),
                                new Shards.Unit("b", 285, () -> {}),
                                new Shards.Unit("c", 195, () -> {}),
                                new Shards.Unit("d", 195, () -> {}),
                                new Shards.Unit("e", 195, () -> {})),
                        2);
        assertEquals(585, shards.stream().mapToLong(Shards::load).max().getAsLong());
        assertTrue(optimal >= cases.size() * 2 * 9 / 10, optimal + " of " + cases.size() * 2);

        // --only beyond on mini: the families alone are split 585 k / 570 k, so the slices stay
        // even when the references are already cached.
        Experiments e = miniExperiments();
        long[] families = new long[2];
        for (int i = 0; i < 2; i++) {
            for (Shards.Unit u : Shards.study(e.perSeed(), 2).get(i)) {
                families[i] += u.name().startsWith("beyond: ") ? u.samples() : 0;
            }
        }
        Arrays.sort(families);
        assertEquals(List.of(570_000L, 585_000L), List.of(families[0], families[1]));
    }

    @Test
    void seedsForRepeatsOnlyTheNamedRunsWithTheRunsTheyStartFrom() throws Exception {
        var c = CorpusLoader.of().load(TinyCorpus.write(tmp.resolve("corpus")));
        KwsData data = new KwsData(c, null, c.clips(Split.TRAINING), null, null);
        Experiments e =
                new Experiments(
                        new Settings(
                                Profile.parse("mini"),
                                Optional.empty(),
                                tmp,
                                tmp,
                                2,
                                false,
                                List.of("original", "chain0.05", "rgsm0.04")),
                        data,
                        System.out);
        List<String> names = new ArrayList<>();
        for (Shards.Unit u : Shards.of(e.perSeed(), 1, false).get(0)) {
            names.add(u.name());
            if (u.name().equals("stage1-RGSM-lambda0.04-seed2")) {
                assertEquals(
                        900 * 100L,
                        u.samples(),
                        "the λ = 0.04 chain repeats only as far as its Stage I");
            }
        }
        // By hand: seed 1 trains all five chains; seed 2 the original, the whole λ = 0.05 chain and
        // RGSM λ = 0.04 alone.
        assertEquals(
                new HashSet<>(
                        List.of(
                                "original",
                                "stage1-GL-mu0.6",
                                "stage1-GSBC-lambda0.04",
                                "stage3-binary-lambda0.04",
                                "stage3-binary-lambda0.05",
                                "original-seed2",
                                "stage3-binary-lambda0.05-seed2",
                                "stage1-RGSM-lambda0.04-seed2")),
                new HashSet<>(names));
        assertEquals(8, names.size());
        // The plan of seed 2 lists the same runs, the λ = 0.05 chain run by run.
        assertEquals(
                List.of(
                        "original-seed2",
                        "stage1-RGSM-lambda0.04-seed2",
                        "stage1-RGSM-lambda0.05-seed2",
                        "stage2-float-retrain-lambda0.05-seed2",
                        "stage3-binary-lambda0.05-seed2"),
                e.withSeed(2).paperRuns().stream().map(RunSpec::name).toList());
        assertEquals(9, e.paperRuns().size(), "seed 1 trains every run");
        assertTrue(
                e.repeats(PaperRun.STAGE2_005)
                        && !e.repeats(PaperRun.STAGE2_004)
                        && !e.repeats(PaperRun.GL));
        // Calibration (mini: original at k = 10, 20, 40; RGSM λ = 0.05 at 10, 20, 40; Stage II λ =
        // 0.05 at 10, 20, 30;
        // Stage III λ = 0.05 at 8, 10, 12; and the λ = 0.04 runs): seed 2 repeats those of the
        // original and of the λ = 0.05 chain.
        List<String> seed2 =
                Calibration.of(e).specs().stream()
                        .map(RunSpec::name)
                        .filter(n -> n.contains("seed2"))
                        .toList();
        assertEquals(
                List.of(
                        "original-seed2-k10",
                        "original-seed2",
                        "original-seed2-k40",
                        "stage1-RGSM-lambda0.05-seed2-k10",
                        "stage1-RGSM-lambda0.05-seed2",
                        "stage1-RGSM-lambda0.05-seed2-k40",
                        "stage2-float-retrain-lambda0.05-seed2-k10",
                        "stage2-float-retrain-lambda0.05-seed2",
                        "stage2-float-retrain-lambda0.05-seed2-k30",
                        "stage3-binary-lambda0.05-seed2",
                        "stage3-binary-lambda0.05-seed2-k10",
                        "stage3-binary-lambda0.05-seed2-k12"),
                seed2);
        assertEquals(
                3 + 3 + 2 + 3 + 3 + 3,
                Calibration.of(e).specs().size() - seed2.size(),
                "seed 1 calibrates every run of its list");
    }

    @Test
    void aMisspeltSeedsForNameIsAnErrorNamingTheOptionAndTheValidNames() {
        IllegalArgumentException ex =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PaperRun.withAncestors(List.of("chain0.5")));
        assertTrue(
                ex.getMessage().contains("--seeds-for")
                        && ex.getMessage().contains("'chain0.5'")
                        && ex.getMessage().contains("chain0.05")
                        && ex.getMessage().contains("stage3-0.04"),
                ex.getMessage());
        assertEquals(
                Set.of(PaperRun.RGSM_004, PaperRun.STAGE2_004),
                PaperRun.withAncestors(List.of("stage2-0.04")));
    }

    @Test
    void twoShardsAtOnceIntoOneFolderTrainEveryRunExactlyOnceBeyondThePaperToo() throws Exception {
        Path corpus = TinyCorpus.write(tmp.resolve("corpus"));
        Path home = Files.createDirectories(tmp.resolve("home"));
        List<Process> ps = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (String shard : new String[] {"1/2", "2/2"}) {
            Path log = home.resolve("shard" + shard.charAt(0) + ".log");
            ps.add(shardProcess(home, corpus, log, "--shard", shard, "--with", "beyond"));
            logs.add(log);
        }
        for (Process p : ps) {
            assertTrue(p.waitFor(10, TimeUnit.MINUTES), "a shard did not finish");
        }
        String out = Files.readString(logs.get(0)) + Files.readString(logs.get(1));
        assertEquals(0, ps.get(0).exitValue(), out);
        assertEquals(0, ps.get(1).exitValue(), out);
        List<Path> folders;
        try (var s = Files.list(home.resolve("runs").resolve("smoke"))) {
            folders =
                    s.filter(Files::isDirectory)
                            .filter(d -> !d.getFileName().toString().startsWith("."))
                            .toList();
        }
        // the paper's runs, the sweep beyond it, and each family's best through Stages II and III
        int expected =
                PaperRun.ALL.size() + StudyRuns.SWEEP.size() + 2 * StudyRuns.families().size();
        assertEquals(expected, folders.size(), folders.toString());
        for (Path d : folders) {
            assertTrue(
                    Files.readString(d.resolve("status.json")).contains("finished"), d.toString());
            String name = d.getFileName().toString().replaceAll("-[0-9a-f]{12}$", "");
            int trained = out.split(Pattern.quote(name + ": finished, validation"), -1).length - 1;
            assertEquals(1, trained, name + " trained " + trained + " times:\n" + out);
        }
    }

    /**
     * A TrainMain shard as its own process (as ./reproduce train --shard runs it), output to a log.
     */
    private static Process shardProcess(Path home, Path corpus, Path log, String... args)
            throws IOException {
        ProcessBuilder pb =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "--add-modules=jdk.incubator.vector",
                                "-cp",
                                System.getProperty("java.class.path"),
                                TrainMain.class.getName())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        pb.command().addAll(Arrays.asList(args));
        pb.environment().put("SLIMKWS_PROFILE", "smoke");
        pb.environment().put("SLIMKWS_DATA", corpus.toString());
        pb.environment().put("SLIMKWS_HOME", home.toString());
        pb.environment().put("SLIMKWS_SEEDS", "1");
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start();
    }

    /** The run folder whose lock {@code pid} holds and which has a whole checkpoint, or null. */
    private static Path checkpointedRunOf(Path runs, long pid) throws IOException {
        Path locks = runs.resolve(".locks");
        if (!Files.isDirectory(locks)) {
            return null;
        }
        try (var s = Files.list(locks)) {
            for (Path lock : s.toList()) {
                String holder;
                try {
                    holder = Files.readString(lock).trim();
                } catch (IOException e) {
                    continue;
                }
                Path run = runs.resolve(lock.getFileName().toString().replaceAll("\\.lock$", ""));
                if (holder.equals("pid " + pid)
                        && Files.isRegularFile(run.resolve("checkpoint").resolve("step"))
                        && !Files.readString(run.resolve("status.json")).contains("finished")) {
                    return run;
                }
            }
        }
        return null;
    }

    @Test
    void threeShardsAtOnceTwoTheSameOneKilledMidRunAndRestartedTrainEveryRunExactlyOnce()
            throws Exception {
        Path corpus = TinyCorpus.write(tmp.resolve("corpus-contention"));
        Path home = Files.createDirectories(tmp.resolve("home-contention"));
        Path runs = home.resolve("runs").resolve("smoke");
        Process a = shardProcess(home, corpus, home.resolve("a.log"), "--shard", "1/2");
        Process b =
                shardProcess(
                        home,
                        corpus,
                        home.resolve("b.log"),
                        "--shard",
                        "1/2"); // the same shard twice
        Process c = shardProcess(home, corpus, home.resolve("c.log"), "--shard", "2/2");
        // SIGKILL c while it holds a run that has a checkpoint and has not finished.
        Path killedIn = null;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (killedIn == null && c.isAlive() && System.nanoTime() < deadline) {
            killedIn = checkpointedRunOf(runs, c.pid());
            if (killedIn != null) {
                c.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, the OS drops its locks
            } else {
                Thread.sleep(2);
            }
        }
        assertTrue(
                killedIn != null,
                "c finished before it could be killed mid-run:\n"
                        + Files.readString(home.resolve("c.log")));
        c.waitFor();
        Process c2 = shardProcess(home, corpus, home.resolve("c2.log"), "--shard", "2/2");
        for (Process p : List.of(a, b, c2)) {
            assertTrue(p.waitFor(10, TimeUnit.MINUTES), "a shard did not finish");
        }
        String out = "";
        for (String log : new String[] {"a.log", "b.log", "c.log", "c2.log"}) {
            out += Files.readString(home.resolve(log));
        }
        assertEquals(0, a.exitValue(), out);
        assertEquals(0, b.exitValue(), out);
        assertEquals(0, c2.exitValue(), out);
        String killedName = killedIn.getFileName().toString().replaceAll("-[0-9a-f]{12}$", "");
        assertTrue(
                Files.readString(home.resolve("c2.log"))
                        .contains(killedName + ": resuming at step"),
                "the killed run resumes at its checkpoint:\n"
                        + Files.readString(home.resolve("c2.log")));
        List<Path> folders;
        try (var st = Files.list(runs)) {
            folders =
                    st.filter(Files::isDirectory)
                            .filter(d -> !d.getFileName().toString().startsWith("."))
                            .toList();
        }
        assertEquals(PaperRun.ALL.size(), folders.size(), folders.toString());
        com.fasterxml.jackson.databind.ObjectMapper json =
                new com.fasterxml.jackson.databind.ObjectMapper();
        for (Path d : folders) {
            String name = d.getFileName().toString().replaceAll("-[0-9a-f]{12}$", "");
            int trained = out.split(Pattern.quote(name + ": finished, validation"), -1).length - 1;
            assertEquals(1, trained, name + " trained " + trained + " times:\n" + out);
            // Whole, not torn: summary.json parses and its digest is the model's.
            var summary = json.readTree(d.resolve("summary.json").toFile());
            assertEquals(
                    io.slimkws.files.Digests.sha256(d.resolve("model.zip")),
                    summary.path("sha256").path("model.zip").asText(),
                    d.toString());
        }
        // The duplicate shard met its twin's runs: it waited for them, or found them finished.
        assertTrue(
                out.contains("waiting for it")
                        || out.contains("finished by another process")
                        || out.contains("finished earlier"),
                out);
    }
}
