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
}
