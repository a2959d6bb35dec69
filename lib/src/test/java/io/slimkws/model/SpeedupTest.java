package io.slimkws.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The speed-up's spread is read round by round, each network against dense timed in the same round.
 */
class SpeedupTest {
    @TempDir Path tmp;

    @Test
    void theMedianIsTheMiddleTimeAndLeavesTheTimesAsTheyWere() {
        double[] odd = {3.0, 1.0, 2.0};
        assertEquals(2.0, Speedup.median(odd));
        assertArrayEquals(new double[] {3.0, 1.0, 2.0}, odd);
        // An even count takes the upper of the two middle times (times only ever add noise).
        assertEquals(3.0, Speedup.median(new double[] {4.0, 1.0, 3.0, 2.0}));
    }

    @Test
    void savingRangeComparesEachRoundWithDenseOfTheSameRound() {
        // By hand: round 1 dense 4.0, pruned 3.0: 25 % less; round 2 dense 5.0 (a busy moment),
        // pruned 3.0: 40 %;
        // round 3 dense 4.0, pruned 3.2: 20 %. The best-of-rounds ratio (3.0 / 4.0) would say 25 %
        // and hide the spread.
        double[] range =
                Speedup.savingRange(new double[] {4.0, 5.0, 4.0}, new double[] {3.0, 3.0, 3.2});
        assertArrayEquals(new double[] {20.0, 40.0}, range, 1e-9);
    }

    @Test
    void aTimingTableWithoutTheRoundColumnsIsRefusedByName() throws Exception {
        Path csv = tmp.resolve("08-speedup.csv");
        Files.writeString(
                csv,
                "network,latency / dense,throughput / dense\n"
                        + "dense,1,1\n"
                        + "masked,1,1\n"
                        + "pruned,0.8,1.3\n");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Speedup.read(csv));
        assertTrue(
                e.getMessage().contains("08-speedup.csv")
                        && e.getMessage().contains(Speedup.LOWEST),
                e.getMessage());
        Path missing = tmp.resolve("none.csv");
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> Speedup.read(missing))
                        .getMessage()
                        .contains("none.csv"));
    }
}
