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
                        .filter(b -> b.target().equals("sgl-tl1-t0.0003"))
                        .findFirst()
                        .orElseThrow();
        SparseGroupProx p = assertInstanceOf(SparseGroupProx.class, tl1.hyper().groupProx());
        assertEquals(
                new Elementwise(ElementThreshold.TL1, 0.00015, 1),
                p.inner()); // t a/(a + 1) for t = 0.0003, a = 1
        assertEquals(0.04, p.lambdaGroup());
        assertTrue(
                tl1.hyper().describe().endsWith("prox=SGL_TL1 lambdaElement=1.5E-4 a=1.0"),
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
        // By hand, for the dead zone t = 0.0003: ℓ1 λ_e = t; transformed ℓ1 (a = 1, t < a/2) λ_e =
        // t a/(a+1) = 0.00015;
        // ℓ0 λ_e = t²/2 = 4.5e-8 (hard threshold at √(2λ_e)).
        Map<String, Double> byTarget = new LinkedHashMap<>();
        for (RunDefinition b : StudyRuns.SWEEP) {
            byTarget.put(b.target(), b.hyper().penalty().parameters().get("lambdaElement"));
        }
        assertEquals(0.0003, byTarget.get("sgl-l1-t0.0003"));
        assertEquals(0.00015, byTarget.get("sgl-tl1-t0.0003"));
        assertEquals(4.5e-8, byTarget.get("sgl-l0-t0.0003"));
        assertEquals(0.0025 * 0.0025 / 2, byTarget.get("sgl-l0-t0.0025"), 1e-18);
        assertEquals(3 * StudyRuns.FAMILIES.size(), StudyRuns.SWEEP.size());
        for (String f : StudyRuns.families()) {
            var runs = StudyRuns.SWEEP.stream().filter(b -> StudyRuns.family(b).equals(f)).toList();
            assertEquals(3, runs.size(), f);
            if (runs.get(0).hyper().penalty().cuts() == Penalty.Cut.ELEMENT) {
                assertEquals(0.0003, StudyRuns.threshold(runs.get(0)), 1e-12, f);
                assertEquals(0.001, StudyRuns.threshold(runs.get(1)), 1e-12, f);
                assertEquals(0.0025, StudyRuns.threshold(runs.get(2)), 1e-12, f);
            } else {
                assertEquals(0.05, StudyRuns.threshold(runs.get(0)), 1e-12, f); // √(2 · 0.00125)
            }
        }
    }

    @Test
    void theBestIsTheSparsestWithinTwoPointsOfTheMostAccurateAndNeverAnEmptyNetwork() {
        var l1 =
                StudyRuns.SWEEP.stream()
                        .filter(b -> b.hyper().penalty().key().equals("SGL_L1"))
                        .toList();
        Map<RunDefinition, RunResult> sweep = new LinkedHashMap<>();
        sweep.put(l1.get(0), result(l1.get(0), 80.0, 60)); // most accurate
        sweep.put(l1.get(1), result(l1.get(1), 78.5, 40)); // within 2 pp, sparser: the best
        sweep.put(l1.get(2), result(l1.get(2), 70.0, 10)); // sparsest, 10 pp worse
        assertEquals(l1.get(1), Beyond.best(sweep, StudyRuns.family(l1.get(0))));
        String reading = Beyond.reading(sweep, result(l1.get(0), 75.0, 50));
        assertTrue(reading.contains("37.5 % channel sparsity at 78.5 %"), reading);

        var l0 =
                StudyRuns.SWEEP.stream()
                        .filter(b -> b.hyper().penalty().key().equals("GL0"))
                        .toList();
        Map<RunDefinition, RunResult> dead = new LinkedHashMap<>();
        for (RunDefinition b : l0) {
            dead.put(b, result(b, 8.0, 0));
        }
        assertNull(
                Beyond.best(dead, StudyRuns.family(l0.get(0))), "every channel removed: no model");
        dead.put(l0.get(0), result(l0.get(0), 9.0, 2));
        assertEquals(l0.get(0), Beyond.best(dead, StudyRuns.family(l0.get(0))));
        assertFalse(Beyond.reading(dead, result(l0.get(0), 75.0, 50)).isEmpty());

        Map<RunDefinition, RunResult> kept = new LinkedHashMap<>();
        for (RunDefinition b : l0) {
            kept.put(b, result(b, 75.0, 64)); // every channel kept by every threshold
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
