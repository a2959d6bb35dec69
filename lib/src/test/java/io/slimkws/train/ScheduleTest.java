package io.slimkws.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.slimkws.env.Profile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Compressed schedules and the calibration list, against the paper's recipe worked by hand. */
class ScheduleTest {
    private static final Profile MINI = Profile.parse("mini");

    @Test
    void stageOneAtKFortyIsTheRecipeDividedAndMultipliedByForty() {
        // Recipe: 18,000 steps, lr 0.001 then 0.0001 for the last 3,000. k = 40: 450 steps, lr 0.04
        // / 0.004, last 75.
        Schedule s = Schedule.compressedUnder(MINI, Stage.I, Algorithm.RGSM, 40);
        assertEquals(450, s.steps());
        assertEquals(0.04, s.lr(), 1e-12);
        assertEquals(0.004, s.lrLate(), 1e-12);
        assertEquals(75, s.lateSteps());
        assertEquals(Optimizer.SGD, s.optimizer());
        assertEquals(23, s.evalEvery()); // mini evaluates 20 times a run: 450 / 20 = 22.5, rounded
        assertEquals(20.0, s.clipNorm()); // the stage's cap (profiles.json "I"), at any k
    }

    @Test
    void theProfilesOwnKGivesTheProfilesScheduleAndKeepsTheStagesSafeguards() {
        assertEquals(
                Schedule.of(MINI, Stage.I, Algorithm.RGSM),
                Schedule.compressedUnder(MINI, Stage.I, Algorithm.RGSM, 20));
        // Stage II: 6,000 steps, last 1,000; k = 20: 300 steps, lr 0.02, last 1,000 / 20 = 50; mini
        // caps the gradient norm at 20, as in Stage I.
        Schedule s2 = Schedule.of(MINI, Stage.II, Algorithm.PLAIN);
        assertEquals(300, s2.steps());
        assertEquals(0.02, s2.lr(), 1e-12);
        assertEquals(50, s2.lateSteps());
        // Stage III: k = 8: 6,000 / 8 = 750 steps at lr 0.008, the last 1,000 / 8 = 125.
        Schedule s3 = Schedule.of(MINI, Stage.III, Algorithm.BC);
        assertEquals(750, s3.steps());
        assertEquals(0.008, s3.lr(), 1e-12);
        assertEquals(125, s3.lateSteps());
        // At k = 12 instead: 500 steps at 0.012, the last 1,000 / 12 = 83.3 rounded to 83.
        Schedule s3k12 = Schedule.compressedUnder(MINI, Stage.III, Algorithm.BC, 12);
        assertEquals(500, s3k12.steps());
        assertEquals(0.012, s3k12.lr(), 1e-12);
        assertEquals(83, s3k12.lateSteps());
        assertEquals(20.0, s2.clipNorm());
        assertEquals(20.0, s3.clipNorm());
    }

    @Test
    void describeNamesKOnlyForACompressedPaperSchedule() {
        assertEquals(
                "plain SGD, paper ÷ 20: 300 steps, lr 0.02 → 0.002, |g| ≤ 20",
                Schedule.of(MINI, Stage.II, Algorithm.PLAIN).describe(Stage.II));
        // smoke's 12 steps at 0.01 are not the recipe compressed (η·steps 0.12, not 18).
        assertEquals(
                "plain SGD: 12 steps, lr 0.01 → 0.001",
                Schedule.of(Profile.parse("smoke"), Stage.I, Algorithm.RGSM).describe(Stage.I));
        assertEquals(
                "Adam, not the paper's optimiser: 180 steps, lr 0.001 → 0.0001",
                Schedule.of(Profile.parse("quick"), Stage.I, Algorithm.RGSM).describe(Stage.I));
    }

    @Test
    void miniCalibratesAtSeveralKAndAKBelowOneIsRefused() {
        assertEquals(
                Map.of(
                        "original",
                        List.of(10.0, 20.0, 40.0),
                        "rgsm0.05",
                        List.of(10.0, 20.0, 40.0),
                        "stage2-0.04",
                        List.of(20.0, 30.0),
                        "stage2-0.05",
                        List.of(10.0, 20.0, 30.0),
                        "stage3-0.04",
                        List.of(6.0, 8.0, 12.0),
                        "stage3-0.05",
                        List.of(8.0, 10.0, 12.0)),
                MINI.calibration());
        assertEquals(
                List.of(
                        "original",
                        "rgsm0.05",
                        "stage2-0.04",
                        "stage2-0.05",
                        "stage3-0.04",
                        "stage3-0.05"),
                List.copyOf(MINI.calibration().keySet())); // the table's order
        assertEquals(Map.of(), Profile.parse("smoke").calibration());
        // Every calibrated k at the stage's own schedule: Stage II at k = 20 is 300 steps at 0.02,
        // with the stage's cap.
        Schedule s2 = Schedule.compressedUnder(MINI, Stage.II, Algorithm.PLAIN, 20);
        assertEquals(300, s2.steps());
        assertEquals(0.02, s2.lr(), 1e-12);
        assertEquals(20.0, s2.clipNorm());
        assertThrows(IllegalArgumentException.class, () -> Schedule.paper(Stage.I).compressed(0.5));
    }

    @Test
    void aScheduleAcceptsItsEdgeCasesAndRefusesEachFieldJustBeyondThem() {
        // Accepted at the edge: one step, every step late, warm-up filling the early steps, no cap.
        new Schedule(1, 1, 1, 0.1, 0.01, 0, Optimizer.SGD, 0, 0, 0);
        new Schedule(10, 1, 1, 0.1, 0.01, 10, Optimizer.SGD, 0, 0, 0);
        new Schedule(10, 1, 1, 0.1, 0.01, 4, Optimizer.SGD, 0, 6, 0);
        for (Runnable bad :
                new Runnable[] {
                    () -> new Schedule(0, 1, 1, 0.1, 0.01, 0, Optimizer.SGD, 0, 0, 0),
                    () -> new Schedule(10, 0, 1, 0.1, 0.01, 0, Optimizer.SGD, 0, 0, 0),
                    () -> new Schedule(10, 1, 0, 0.1, 0.01, 0, Optimizer.SGD, 0, 0, 0),
                    () -> new Schedule(10, 1, 1, 0.1, 0.01, -1, Optimizer.SGD, 0, 0, 0),
                    () -> new Schedule(10, 1, 1, 0.1, 0.01, 11, Optimizer.SGD, 0, 0, 0),
                    () -> new Schedule(10, 1, 1, 0.1, 0.01, 4, Optimizer.SGD, 0, 7, 0),
                    () -> new Schedule(10, 1, 1, 0.1, 0.01, 0, Optimizer.SGD, 0, -1, 0),
                    () -> new Schedule(10, 1, 1, 0.1, 0.01, 0, Optimizer.SGD, 0, 0, -1e-9),
                    () -> new Schedule(10, 1, 1, 0, 0.01, 0, Optimizer.SGD, 0, 0, 0),
                    () -> new Schedule(10, 1, 1, 0.1, 0, 0, Optimizer.SGD, 0, 0, 0)
                }) {
            assertThrows(IllegalArgumentException.class, bad::run);
        }
    }

    @Test
    void compressionKeepsEtaTimesStepsAndRefusesKBelowOne() {
        Schedule p = Schedule.paper(Stage.I);
        Schedule c = p.compressed(1);
        assertEquals(p, c);
        Schedule c8 = p.compressed(8);
        assertEquals(2250, c8.steps());
        assertEquals(0.008, c8.lr(), 1e-15);
        assertEquals(p.lr() * p.steps(), c8.lr() * c8.steps(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> p.compressed(0.999));
        // Every step count ÷ k: late steps 3,000 → 375, a warm-up of 800 → 100.
        assertEquals(375, c8.lateSteps());
        assertEquals(100, p.withSafeguards(800, 5).compressed(8).warmupSteps());
    }

    @Test
    void theLearningRateWarmsUpLinearlyThenDropsForTheLateSteps() {
        Schedule s = new Schedule(10, 1, 1, 0.1, 0.01, 3, Optimizer.SGD, 0, 4, 0);
        double[] want = {0.025, 0.05, 0.075, 0.1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.01};
        for (int t = 0; t < 10; t++) {
            assertEquals(want[t], s.learningRate(t), 1e-15, "step " + t);
        }
    }

    @Test
    void theCapScalesAGradientAboveItToExactlyTheCapAndLeavesOneAtItAlone() {
        Schedule s = new Schedule(10, 1, 1, 0.1, 0.01, 0, Optimizer.SGD, 0, 0, 5);
        var g = Nd4j.create(new double[] {3, 4}); // norm 5: at the cap, untouched
        assertEquals(5, s.clip(g), 1e-12);
        assertEquals(3, g.getDouble(0), 0.0);
        var h = Nd4j.create(new double[] {6, 8}); // norm 10 → (3, 4)
        assertEquals(10, s.clip(h), 1e-12);
        assertEquals(3, h.getDouble(0), 1e-12);
        assertEquals(4, h.getDouble(1), 1e-12);
    }
}
