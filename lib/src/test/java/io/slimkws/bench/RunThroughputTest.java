package io.slimkws.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slimkws.train.Optimizer;
import io.slimkws.train.Schedule;
import org.junit.jupiter.api.Test;

/**
 * The benchmark scales a short run's evaluations to a whole run's count, which it must count as the
 * trainer evaluates: at step 0, every evalEvery steps and at the last step.
 */
class RunThroughputTest {
    private static Schedule schedule(int steps, int evalEvery) {
        return new Schedule(steps, 100, evalEvery, 0.1, 0.1, 0, Optimizer.SGD, 8, 0, 0);
    }

    @Test
    void evaluationsAreCountedAtStepZeroEveryEvalEveryAndAtTheEnd() {
        // Profile mini's Stage I: 900 steps, every 45: step 0 and 45, 90, ..., 900.
        assertEquals(21, RunThroughput.evaluations(schedule(900, 45), 900));
        // The benchmark's 180 of them: 0, 45, 90, 135, 180.
        assertEquals(5, RunThroughput.evaluations(schedule(900, 45), 180));
        // 10 steps every 4: 0, 4, 8 and the last step, 10, which is no multiple of 4.
        assertEquals(4, RunThroughput.evaluations(schedule(10, 4), 10));
        // Stopped at 6 of those 10: 0 and 4.
        assertEquals(2, RunThroughput.evaluations(schedule(10, 4), 6));
    }

    /**
     * The evaluations' floor from MAC counts worked out by hand from the architecture (conv1 98 ×
     * 40 positions × 64 channels × 20 × 8 taps; conv2 49 × 20 × 64 × 10 × 4 × 64; fc 62,720 × 12):
     * a forward is 2 × 201,456,640 FLOPs, a training sample 2 × (3 × (conv2 + fc) + 2 × conv1) = 2
     * × 564,229,120 (conv1 has no input gradient).
     */
    @Test
    void theEvaluationsFloorIsTheirForwardsShareOfTheRunsFlops() {
        assertEquals(2.0 * 201_456_640, Throughput.forwardFlops(64), 0);
        double forward = 2.0 * 201_456_640;
        double sample = 2.0 * 564_229_120;
        // mini's Stage I: 21 evaluations of 300 training and 505 validation clips, 900 steps of
        // 100.
        double e = 21 * 805 * forward;
        assertEquals(
                e / (e + 90_000 * sample),
                RunThroughput.evaluationFloor(schedule(900, 45), 805),
                1e-12);
        assertEquals(0.06285, RunThroughput.evaluationFloor(schedule(900, 45), 805), 5e-6);
        // 10 steps of 100 every 4: 4 evaluations (0, 4, 8, 10) of 3 clips.
        e = 4 * 3 * forward;
        assertEquals(
                e / (e + 1_000 * sample), RunThroughput.evaluationFloor(schedule(10, 4), 3), 1e-12);
    }
}
