package io.slimkws.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slimkws.TinyCorpus;
import io.slimkws.data.CorpusLoader;
import io.slimkws.data.KwsData;
import io.slimkws.model.KwsCnn;
import io.slimkws.prox.BinaryProjection;
import io.slimkws.prox.GroupL0;
import io.slimkws.prox.Groups;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class TrainerTest {
    @TempDir static Path shared;
    static KwsData data;
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @BeforeAll
    static void corpus() throws Exception {
        Path root = TinyCorpus.write(shared.resolve("corpus"));
        data = KwsData.of(CorpusLoader.of().load(root), shared.resolve("cache"));
    }

    static Schedule sgd(int steps, double lr) {
        return new Schedule(steps, 4, 2, lr, lr, 0, Optimizer.SGD, 8, 0, 0);
    }

    static RunSpec spec(String name, Stage st, Algorithm a, Hyper h, Schedule s, String warm) {
        return new RunSpec(name, st, a, h, s, "test", data.corpus().fingerprint(), 3, warm);
    }

    /**
     * The median of conv2's initial group norms under the runs' seed: a λ that prunes about half at
     * once.
     */
    static double medianInitialNorm() {
        double[] n =
                Groups.norms(
                        KwsCnn.build(sgd(1, 1).updater(), 3).getLayer(KwsCnn.CONV2).getParam("W"));
        Arrays.sort(n);
        return (n[31] + n[32]) / 2;
    }

    @Test
    void rgsmPullsGroupsToExactlyZeroWhereTheGlPenaltyZeroesNone() throws Exception {
        RunStore store = new RunStore(shared.resolve("runs-a"), shared);
        // λ below every initial group norm: u = Prox(w) has no zero group at the start, so any zero
        // group at the end was made by the dynamics: each step pulls w_g toward u_g by ηβλ (3.8).
        // β = 50, η = 0.01: a pull of 0.5 λ a step, against small loss steps (at η = 0.05 one step
        // of this 8-clip batch already sends the loss to 60). GL gets the same weight, μ = βλ.
        // λ = 0.7 n_min (the smallest norm) and one step: a pull of 0.35 n_min leaves a group below
        // λ when its norm is under 1.05 n_min (loss step aside), so the smallest groups are zeroed
        // and the largest stay; were every group zero the run would stop (an empty layer).
        double[] n0 =
                Groups.norms(
                        KwsCnn.build(sgd(1, 1).updater(), 3).getLayer(KwsCnn.CONV2).getParam("W"));
        double lambda = 0.7 * Arrays.stream(n0).min().orElseThrow();
        double beta = 50;
        RunResult rgsm =
                new Runner(store, data, QUIET)
                        .run(
                                spec(
                                        "rgsm",
                                        Stage.I,
                                        Algorithm.RGSM,
                                        Hyper.rgsm(lambda, beta),
                                        sgd(1, 0.01),
                                        null));
        RunResult gl =
                new Runner(store, data, QUIET)
                        .run(
                                spec(
                                        "gl",
                                        Stage.I,
                                        Algorithm.GL,
                                        Hyper.gl(beta * lambda),
                                        sgd(1, 0.01),
                                        null));
        double[] u = Groups.norms(rgsm.model().getLayer(KwsCnn.CONV2).getParam("W"));
        double[] w = Groups.norms(gl.model().getLayer(KwsCnn.CONV2).getParam("W"));
        long rgsmZero = Arrays.stream(u).filter(x -> x == 0.0).count();
        long glZero = Arrays.stream(w).filter(x -> x == 0.0).count();
        assertTrue(rgsmZero > 0, "RGSM: no group reached exactly zero in one step");
        assertTrue(rgsmZero < 64, "RGSM: every group zero (the run would have stopped)");
        assertEquals(0, glZero, "GL penalty produced exactly-zero groups");
        assertEquals(100.0 * rgsmZero / 64, rgsm.sparsity(), 1e-9);
    }

    @Test
    void masksHoldThroughStagesTwoAndThreeAndBcWeightsAreBinary() throws Exception {
        RunStore store = new RunStore(shared.resolve("runs-b"), shared);
        RunResult s1 =
                new Runner(store, data, QUIET)
                        .run(
                                spec(
                                        "s1",
                                        Stage.I,
                                        Algorithm.RGSM,
                                        Hyper.rgsm(medianInitialNorm(), 1.0),
                                        sgd(4, 1e-3),
                                        null));
        assertTrue(
                s1.mask().keptCount() < 64 && s1.mask().keptCount() > 0,
                "stage I should prune some but not all: " + s1.mask());
        RunResult s2 =
                new Runner(store, data, QUIET)
                        .run(
                                spec(
                                        "s2",
                                        Stage.II,
                                        Algorithm.PLAIN,
                                        Hyper.none(),
                                        sgd(4, 0.05),
                                        s1.spec().id()));
        RunResult s3 =
                new Runner(store, data, QUIET)
                        .run(
                                spec(
                                        "s3",
                                        Stage.III,
                                        Algorithm.BC,
                                        Hyper.bc(1e-5),
                                        sgd(4, 0.05),
                                        s2.spec().id()));
        for (RunResult r : List.of(s2, s3)) {
            for (MultiLayerNetwork net : List.of(r.model(), r.latentModel())) {
                double[] n = Groups.norms(net.getLayer(KwsCnn.CONV2).getParam("W"));
                for (int g = 0; g < 64; g++) {
                    if (!s1.mask().kept(g)) {
                        assertEquals(
                                0.0, n[g], 0.0, r.spec().name() + ": masked group " + g + " moved");
                    } else {
                        assertTrue(n[g] > 0, r.spec().name() + ": kept group " + g + " is zero");
                    }
                }
            }
        }
        assertEquals(s1.mask().toString(), s3.mask().toString());
        // Stage III: each layer holds exactly ± mean|w_f| (over its unmasked weights), and 0 in
        // masked groups
        // of conv2 and in the conv1 filters only those groups read (they are physically removed).
        MultiLayerNetwork bin = s3.model();
        MultiLayerNetwork latent = s3.latentModel();
        for (int layer : new int[] {KwsCnn.CONV1, KwsCnn.CONV2, KwsCnn.FC}) {
            INDArray wb = bin.getLayer(layer).getParam("W");
            INDArray wf = latent.getLayer(layer).getParam("W");
            INDArray mask =
                    layer == KwsCnn.CONV2
                            ? s1.mask().weightMask(wf.shape(), wf.dataType())
                            : layer == KwsCnn.CONV1
                                    ? s1.mask().filterMask(wf.shape(), wf.dataType())
                                    : null;
            double a = BinaryProjection.scale(wf, mask);
            SortedSet<Float> values = BinaryProjection.distinct(wb);
            SortedSet<Float> expected = new TreeSet<>(List.of((float) -a, (float) a));
            if (layer != KwsCnn.FC) {
                expected.add(0f);
            }
            assertEquals(expected.size(), values.size(), "layer " + layer + " values " + values);
            // The binary weights are float32: ±a to float32's precision (a grew to 2e6 at this
            // test's η = 0.05 on
            // eight clips with one draw of dropout masks, 0.64 with another).
            assertEquals(-a, values.first(), 1e-6 * Math.max(1, a));
            assertEquals(a, values.last(), 1e-6 * Math.max(1, a));
        }
    }

    @Test
    void aKilledRunResumesToTheSameLogAndAFinishedRunIsNeverRetrained() throws Exception {
        Schedule s = sgd(8, 0.05);
        RunSpec spec = spec("resume", Stage.I, Algorithm.RGSM, Hyper.rgsm(0.3, 1.0), s, null);
        RunStore straight = new RunStore(shared.resolve("runs-straight"), shared);
        RunResult r1 = new Runner(straight, data, QUIET).run(spec);
        RunStore killed = new RunStore(shared.resolve("runs-killed"), shared);
        assertNull(
                new Runner(killed, data, QUIET).run(spec, step -> step == 4),
                "the simulated kill leaves the run unfinished");
        assertNull(killed.cached(spec));
        assertTrue(Files.exists(killed.dir(spec).resolve("checkpoint/step")));
        RunResult r2 = new Runner(killed, data, QUIET).run(spec);
        List<String> a = withoutSeconds(Files.readAllLines(r1.dir().resolve("log.csv")));
        List<String> b = withoutSeconds(Files.readAllLines(r2.dir().resolve("log.csv")));
        assertEquals(a, b);
        assertEquals(r1.valAcc(), r2.valAcc(), 0.0);

        RunResult again = new Runner(killed, data, QUIET).run(spec);
        assertTrue(again.fromCache());
        assertEquals(r2.dir(), again.dir());
        String prov = RunStore.provenanceOf(r2.dir().resolve(RunResult.MODEL));
        assertTrue(
                prov.contains(data.corpus().fingerprint())
                        && prov.contains("git_commit")
                        && prov.contains("RGSM"),
                prov);
    }

    /**
     * The run's phase clock against two clocks it does not share: the log's last "seconds" (taken
     * before the final evaluation) and the Runner's wall time around the whole training call. A
     * phase left out of the tiling, or a clock restarted midway, would fall below the first.
     */
    @Test
    void theTimingFileAccountsForTheSessionsWallTimeBetweenTheLogsClockAndTheRunners()
            throws Exception {
        RunSpec spec =
                spec("timing", Stage.I, Algorithm.RGSM, Hyper.rgsm(0.3, 1.0), sgd(8, 0.05), null);
        RunResult r =
                new Runner(new RunStore(shared.resolve("runs-timing"), shared), data, QUIET)
                        .run(spec);
        Path f = r.dir().resolve(Trainer.TIMING);
        RunTimes times = RunTimes.read(f);
        var t = times.seconds();
        double wall = times.totalSeconds();
        double phases = 0;
        for (RunTimes.Phase p : RunTimes.Phase.values()) {
            phases += t.get(p);
        }
        var summary =
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(r.dir().resolve("summary.json").toFile());
        double logSeconds = r.log().doubleColumn("seconds").get(r.log().rowCount() - 1);
        assertEquals(wall, phases, 1e-6, "the phases tile the wall time");
        assertTrue(wall >= logSeconds, t + " vs the log's " + logSeconds);
        assertTrue(
                wall <= summary.path("this_session_seconds").asDouble(),
                t + " vs the runner's " + summary);
        for (RunTimes.Phase p :
                List.of(
                        RunTimes.Phase.GRADIENT,
                        RunTimes.Phase.EVALUATION,
                        RunTimes.Phase.UPDATE)) {
            assertTrue(t.get(p) > 0, p + " was charged nothing: " + t);
        }
    }

    /**
     * A resumed run's clock goes on from the one written with its checkpoint, checked against the
     * clocks it does not share: the log's seconds (which go on across sessions) bound the second
     * session's share from below, the Runner's wall time around that session from above. A clock
     * written at another step than the checkpoint's, or one that cannot be read, is not continued
     * (and does not stop the resume): the new one says where it began.
     */
    @Test
    void aResumedRunsClockGoesOnFromItsCheckpointsAndAStaleOrUnreadableOneStartsAtTheResume()
            throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String kind : List.of("kept", "stale", "unreadable")) {
            boolean stale = !kind.equals("kept");
            RunSpec spec =
                    spec(
                            "clock-" + kind,
                            Stage.I,
                            Algorithm.RGSM,
                            Hyper.rgsm(0.3, 1.0),
                            sgd(8, 0.05),
                            null);
            RunStore store = new RunStore(shared.resolve("runs-clock-" + kind), shared);
            assertNull(new Runner(store, data, QUIET).run(spec, step -> step == 4));
            Path f = store.dir(spec).resolve(Trainer.TIMING);
            RunTimes first = RunTimes.read(f);
            assertEquals(0, first.firstStep());
            assertEquals(4, first.step());
            if (kind.equals("stale")) {
                var o = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(f.toFile());
                o.put("step", 2);
                Files.writeString(f, o.toPrettyString());
            } else if (kind.equals("unreadable")) {
                Files.writeString(f, "{\"step\": 4, \"phases_sec"); // cut off mid-write
            }
            RunResult r = new Runner(store, data, QUIET).run(spec);
            RunTimes whole = RunTimes.read(f);
            double session =
                    json.readTree(r.dir().resolve("summary.json").toFile())
                            .path("this_session_seconds")
                            .asDouble();
            var seconds = r.log().doubleColumn("seconds");
            var steps = r.log().numberColumn("step");
            double logAt4 = Double.NaN;
            for (int i = 0; i < steps.size(); i++) {
                if (steps.getDouble(i) == 4) {
                    logAt4 = seconds.get(i);
                }
            }
            double logSecond = seconds.get(seconds.size() - 1) - logAt4;
            assertEquals(8, whole.step());
            assertEquals(stale ? 4 : 0, whole.firstStep());
            double added =
                    stale ? whole.totalSeconds() : whole.totalSeconds() - first.totalSeconds();
            assertTrue(added >= logSecond, added + " s vs the log's " + logSecond);
            assertTrue(added <= session, added + " s vs the runner's " + session);
            for (RunTimes.Phase p : RunTimes.Phase.values()) {
                if (!stale) {
                    assertTrue(
                            whole.seconds().get(p) >= first.seconds().get(p),
                            p + ": " + whole.seconds() + " after " + first.seconds());
                }
            }
            assertTrue(
                    whole.seconds().get(RunTimes.Phase.GRADIENT)
                            > (stale ? 0 : first.seconds().get(RunTimes.Phase.GRADIENT)));
        }
    }

    @Test
    void theStepsTheGradientCapActedOnAreRecordedOnceAcrossAResume() throws Exception {
        // A cap below any real gradient's norm acts on every step; one far above acts on none.
        RunSpec tight =
                spec(
                        "capped",
                        Stage.I,
                        Algorithm.PLAIN,
                        Hyper.none(),
                        sgd(8, 0.05).withSafeguards(0, 1e-9),
                        null);
        RunStore store = new RunStore(shared.resolve("runs-clip"), shared);
        assertNull(
                new Runner(store, data, QUIET).run(tight, step -> step == 4),
                "the simulated kill leaves the run unfinished");
        RunResult r = new Runner(store, data, QUIET).run(tight);
        List<String> rows = Files.readAllLines(r.dir().resolve(ClipLog.FILE));
        assertEquals(
                List.of("0", "1", "2", "3", "4", "5", "6", "7"),
                rows.subList(1, rows.size()).stream().map(l -> l.split(",")[0]).toList());
        assertEquals(8, ClipLog.countIn(r.dir()));
        assertEquals("cap acted on 8 of 8 steps (100.0 %)", ClipLog.actedOn(r));
        // The norm recorded is the gradient's before the cap: step 0 (same start, same batch) under
        // a cap
        // 1,000 times looser records the same norm, and it is a real gradient's, not the cap's.
        RunResult r6 =
                new Runner(store, data, QUIET)
                        .run(
                                spec(
                                        "capped6",
                                        Stage.I,
                                        Algorithm.PLAIN,
                                        Hyper.none(),
                                        sgd(8, 0.05).withSafeguards(0, 1e-6),
                                        null));
        double n9 = Double.parseDouble(rows.get(1).split(",")[1]);
        double n6 =
                Double.parseDouble(
                        Files.readAllLines(r6.dir().resolve(ClipLog.FILE)).get(1).split(",")[1]);
        assertEquals(n9, n6, 0.0);
        assertTrue(n9 > 1e-3, "step 0's gradient norm " + n9);
        RunResult loose =
                new Runner(store, data, QUIET)
                        .run(
                                spec(
                                        "loose",
                                        Stage.I,
                                        Algorithm.PLAIN,
                                        Hyper.none(),
                                        sgd(4, 0.05).withSafeguards(0, 1e9),
                                        null));
        assertEquals(0, ClipLog.countIn(loose.dir()));
        RunResult none =
                new Runner(store, data, QUIET)
                        .run(
                                spec(
                                        "uncapped",
                                        Stage.I,
                                        Algorithm.PLAIN,
                                        Hyper.none(),
                                        sgd(4, 0.05),
                                        null));
        assertEquals(-1, ClipLog.countIn(none.dir()));
        assertEquals("", ClipLog.actedOn(none));
        assertEquals("cap acted on 0 of 4 steps (0.0 %)", ClipLog.actedOn(loose));
    }

    static List<String> withoutSeconds(List<String> lines) {
        return lines.stream()
                .map(
                        l -> {
                            String[] f = l.split(",");
                            f[10] = "";
                            return String.join(",", f);
                        })
                .toList();
    }

    @Test
    void aDivergedRunIsMarkedFailedAndNeverServed() throws Exception {
        RunStore store = new RunStore(shared.resolve("runs-nan"), shared);
        RunSpec spec = spec("diverge", Stage.I, Algorithm.PLAIN, Hyper.none(), sgd(6, 1e12), null);
        DivergedException e =
                assertThrows(
                        DivergedException.class, () -> new Runner(store, data, QUIET).run(spec));
        assertTrue(
                e.getMessage().contains("diverge") && e.getMessage().contains("step"),
                e.getMessage());
        assertNull(store.cached(spec));
        String status = Files.readString(store.dir(spec).resolve("status.json"));
        assertTrue(status.contains("failed"), status);
        assertFalse(Files.exists(store.dir(spec).resolve(RunResult.MODEL)));
    }

    @Test
    void aPenaltyThatZeroesEveryChannelStopsTheRunNamingTheRunTheStepAndTheLayer()
            throws Exception {
        RunStore store = new RunStore(shared.resolve("runs-empty"), shared);
        // Group ℓ0 at λ = 100 zeroes every group whose norm is below √(2·100) ≈ 14.1: by hand, far
        // above every group norm of the initial conv2 (about 0.5), so u = Prox(w) is all zero at
        // the first evaluation (step 0, before any update).
        double largest =
                Arrays.stream(
                                Groups.norms(
                                        KwsCnn.build(sgd(1, 1).updater(), 3)
                                                .getLayer(KwsCnn.CONV2)
                                                .getParam("W")))
                        .max()
                        .orElseThrow();
        assertTrue(largest < Math.sqrt(200), "a group norm above the cut: " + largest);
        RunSpec spec =
                spec(
                        "emptied",
                        Stage.I,
                        Algorithm.RGSM,
                        Hyper.rgsm(new GroupL0(100), 1),
                        sgd(4, 0.01),
                        null);
        EmptyLayerException e =
                assertThrows(
                        EmptyLayerException.class, () -> new Runner(store, data, QUIET).run(spec));
        assertTrue(
                e.getMessage().startsWith("emptied removed every channel of conv2 at step 0"),
                e.getMessage());
        assertNull(store.cached(spec));
        assertEquals(RunState.Kind.FAILED, store.state(spec).kind());
        assertTrue(
                store.failure(spec).startsWith("removed every channel of conv2 at step 0"),
                store.failure(spec));
        assertFalse(Files.exists(store.dir(spec).resolve(RunResult.MODEL)));

        // A cut that leaves a group standing is no failure: the run finishes.
        RunSpec kept =
                spec(
                        "kept",
                        Stage.I,
                        Algorithm.RGSM,
                        Hyper.rgsm(new GroupL0(0.0), 1),
                        sgd(2, 0.01),
                        null);
        assertTrue(new Runner(store, data, QUIET).run(kept).mask().keptCount() > 0);
    }
}
