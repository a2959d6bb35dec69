package io.slimkws.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slimkws.model.ChannelMask;
import io.slimkws.paper.RunDefinition;
import io.slimkws.prox.ElementThreshold;
import io.slimkws.prox.Elementwise;
import io.slimkws.prox.Penalty;
import io.slimkws.prox.SparseGroupProx;
import io.slimkws.train.Algorithm;
import io.slimkws.train.Hyper;
import io.slimkws.train.RunResult;
import io.slimkws.train.RunSpec;
import io.slimkws.train.Schedule;
import io.slimkws.train.Stage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The study beyond the paper: its maps, its run identities, and the best-of-family rule on
 * hand-made results.
 */
class StudyRunsTest {
    private static RunResult result(RunDefinition b, double val, int kept) {
        RunSpec spec =
                new RunSpec(
                        b.runName(),
                        Stage.I,
                        Algorithm.RGSM,
                        b.hyper(),
                        Schedule.paper(Stage.I).compressed(20),
                        "mini",
                        "fp",
                        1,
                        null);
        ChannelMask m = ChannelMask.parse("1".repeat(kept) + "0".repeat(64 - kept));
        return new RunResult(
                spec, Path.of("."), val, val, 100.0 * (64 - kept) / 64, m, 900, 1, true);
    }

    @Test
    void theSparseGroupRunsUseTheirMapAndOnlyTheyCarryTheElementThresholdInTheirIdentity() {
        RunDefinition tl1 =
                StudyRuns.SWEEP.stream()
                        .filter(b -> b.target().equals("sgl-tl1-t0.001"))
                        .findFirst()
                        .orElseThrow();
        SparseGroupProx p = assertInstanceOf(SparseGroupProx.class, tl1.hyper().groupProx());
        assertEquals(
                new Elementwise(ElementThreshold.TL1, 0.0005, 1),
                p.inner()); // t a/(a + 1) for t = 0.001, a = 1
        assertEquals(0.04, p.lambdaGroup());
        assertTrue(
                tl1.hyper().describe().endsWith("prox=SGL_TL1 lambdaElement=5.0E-4 a=1.0"),
                tl1.hyper().describe());
        // The paper's runs keep the identity they had before the family existed (cached runs stay
        // valid).
        assertEquals("beta=1.0 lambda=0.05 mu=0.0 rho=0.0 prox=GL", Hyper.rgsm(0.05, 1).describe());
        assertEquals(
                StudyRuns.SWEEP.size(),
                StudyRuns.SWEEP.stream().map(RunDefinition::target).distinct().count());
    }

    @Test
    void theElementWiseFamiliesShareTheirDeadZonesEachWithItsOwnLambda() {
        // By hand, for the dead zone t = 0.001: ℓ1 λ_e = t; transformed ℓ1 (a = 1, t < a/2) λ_e =
        // t a/(a+1) = 0.0005; ℓ0 λ_e = t²/2 = 5e-7 (hard threshold at √(2λ_e)); ℓ1 − ℓ2 λ_e = t.
        Map<String, Double> byTarget = new LinkedHashMap<>();
        for (RunDefinition b : StudyRuns.SWEEP) {
            byTarget.put(b.target(), b.hyper().penalty().parameters().get("lambdaElement"));
        }
        assertEquals(0.001, byTarget.get("sgl-l1-t0.001"));
        assertEquals(0.0005, byTarget.get("sgl-tl1-t0.001"));
        assertEquals(0.00125, byTarget.get("sgl-tl1-t0.0025"));
        assertEquals(5e-7, byTarget.get("sgl-l0-t0.001"), 1e-20);
        assertEquals(0.001, byTarget.get("sgl-l1l2-t0.001"));
    }

    @Test
    void theSweepIsTheBudgetedDesignEveryFamilyAtTheMiddleCutTwoAtTheUpper() {
        // The design written out by hand: seven Stage-I runs of 90,000 samples on mini and five
        // finals of 105,000 are 1,155,000 samples, within the study's 1.2 M.
        assertEquals(
                List.of(
                        "gl0-0.005",
                        "gl0-0.02",
                        "sgl-l1-t0.001",
                        "sgl-tl1-t0.001",
                        "sgl-tl1-t0.0025",
                        "sgl-l0-t0.001",
                        "sgl-l1l2-t0.001"),
                StudyRuns.SWEEP.stream().map(RunDefinition::target).toList());
        // Group ℓ0 zeroes groups below √(2λ): 0.1 and 0.2.
        assertEquals(0.1, StudyRuns.threshold(StudyRuns.SWEEP.get(0)), 1e-12);
        assertEquals(0.2, StudyRuns.threshold(StudyRuns.SWEEP.get(1)), 1e-12);
        for (RunDefinition b : StudyRuns.SWEEP.subList(2, 7)) {
            assertEquals(Penalty.Cut.ELEMENT, b.hyper().penalty().cuts(), b.target());
        }
        assertEquals(5, StudyRuns.families().size());
    }

    /** A run of the family of {@code like} at another element dead zone (not in the sweep). */
    private static RunDefinition at(RunDefinition like, double t) {
        return RunDefinition.stage1(
                like.target() + "@" + t,
                like.runName() + "@" + t,
                Algorithm.RGSM,
                Hyper.rgsm(like.hyper().penalty().atThreshold(t), 1.0),
                null);
    }

    private static Outcome done(RunDefinition b, double val, int kept) {
        return new Outcome(b, result(b, val, kept), null);
    }

    @Test
    void theBestIsTheSparsestWithinTwoPointsOfTheMostAccurateAndNeverAnEmptyNetworkNorAFailure() {
        RunDefinition l1 =
                StudyRuns.SWEEP.stream()
                        .filter(b -> b.hyper().penalty().key().equals("SGL_L1"))
                        .findFirst()
                        .orElseThrow();
        RunDefinition a = at(l1, 0.0003);
        RunDefinition b = at(l1, 0.001);
        RunDefinition c = at(l1, 0.0025);
        RunDefinition d = at(l1, 0.004);
        Map<RunDefinition, Outcome> sweep = new LinkedHashMap<>();
        sweep.put(a, done(a, 80.0, 60)); // most accurate
        sweep.put(b, done(b, 78.5, 40)); // within 2 pp, sparser: the best
        sweep.put(c, done(c, 70.0, 10)); // sparsest, 10 pp worse
        // Would be the best, but it diverged: never a result.
        sweep.put(d, new Outcome(d, null, "diverged at step 300: training loss is NaN"));
        assertEquals(b, Beyond.best(sweep, StudyRuns.family(l1)));
        String reading = Beyond.reading(sweep, result(l1, 75.0, 50));
        assertTrue(reading.contains("37.5 % channel sparsity at 78.5 %"), reading);

        var l0 =
                StudyRuns.SWEEP.stream()
                        .filter(x -> x.hyper().penalty().key().equals("GL0"))
                        .toList();
        Map<RunDefinition, Outcome> dead = new LinkedHashMap<>();
        for (RunDefinition x : l0) {
            dead.put(x, done(x, 8.0, 0));
        }
        assertNull(
                Beyond.best(dead, StudyRuns.family(l0.get(0))), "every channel removed: no model");
        dead.put(l0.get(0), done(l0.get(0), 9.0, 2));
        assertEquals(l0.get(0), Beyond.best(dead, StudyRuns.family(l0.get(0))));
        assertFalse(Beyond.reading(dead, result(l0.get(0), 75.0, 50)).isEmpty());

        Map<RunDefinition, Outcome> kept = new LinkedHashMap<>();
        for (RunDefinition x : l0) {
            kept.put(x, done(x, 75.0, 64)); // every channel kept by every threshold
        }
        assertTrue(
                Beyond.reading(kept, result(l0.get(0), 75.0, 50))
                        .contains("no run of its sweep removed a channel"));
        assertFalse(reading.contains("no run of its sweep removed a channel"), reading);
    }

    @Test
    void theFrontKeepsExactlyTheUndominatedPointsSparsestFirst() {
        RunDefinition any = StudyRuns.SWEEP.get(0);
        Map<String, RunResult> pts = new LinkedHashMap<>();
        pts.put("a", result(any, 80.0, 60)); // most accurate: on the front
        pts.put("b", result(any, 78.0, 60)); // as sparse as a, less accurate: dominated
        pts.put("c", result(any, 76.0, 40)); // sparser than a, less accurate: on the front
        pts.put("d", result(any, 76.0, 48)); // c is sparser at the same accuracy: dominated
        pts.put("e", result(any, 60.0, 20)); // sparsest: on the front
        pts.put("f", result(any, 90.0, 0)); // no channel left: never a model
        pts.put("g", result(any, 70.0, 40)); // c is as sparse and more accurate: dominated
        assertEquals(List.of("e", "c", "a"), Beyond.paretoFront(pts));
    }
}
