package io.slimkws.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class TrainingTimesTest {
    @TempDir Path dir;

    static RunSpec spec(String name) {
        return new RunSpec(
                name,
                Stage.I,
                Algorithm.PLAIN,
                Hyper.none(),
                new Schedule(8, 4, 2, 0.1, 0.1, 0, Optimizer.SGD, 8, 0, 0),
                "test",
                "fingerprint",
                1,
                null);
    }

    static void clock(
            RunStore store,
            RunSpec s,
            int first,
            int step,
            double wall,
            double[] phases,
            double augment)
            throws Exception {
        Path d = store.dir(s);
        Files.createDirectories(d);
        Files.writeString(
                d.resolve(Trainer.TIMING),
                String.format(
                        "{\"first_step\": %d, \"step\": %d, \"cores\": 2, \"wall_seconds\": %s,"
                                + " \"phases_seconds\": {\"batch_wait\": %s, \"gradient\": %s,"
                                + " \"update\": %s, \"evaluation\": %s, \"bookkeeping\": %s},"
                                + " \"augmentation_thread_cpu_seconds\": %s}",
                        first, step, wall, phases[0], phases[1], phases[2], phases[3], phases[4],
                        augment));
    }

    /** Every figure worked out by hand from the three files below (batch 4, 8 steps, 2 cores). */
    @Test
    void eachRunsSharesAndRateAndTheTotalsAreTheHandWorkedOnes() throws Exception {
        RunStore store = new RunStore(dir.resolve("runs"), dir);
        RunSpec a = spec("a");
        RunSpec b = spec("b");
        RunSpec c = spec("c");
        // a: the whole run, 32 samples in 10 s.
        clock(store, a, 0, 8, 10, new double[] {0.5, 8, 0.5, 0.8, 0.2}, 1.0);
        // b: resumed at step 4 without the earlier clock: 16 samples in 2 s.
        clock(store, b, 4, 8, 2, new double[] {0, 1.5, 0, 0.5, 0}, 0.4);
        // c: trained before runs kept a clock.
        Table t = TrainingTimes.of(store, List.of(a, b, c));
        assertEquals(4, t.rowCount());
        assertEquals("0-8 of 8", t.stringColumn(1).get(0));
        assertEquals("4-8 of 8", t.stringColumn(1).get(1));
        assertEquals(TrainingTimes.NO_CLOCK, t.stringColumn(1).get(2));
        double[][] want = {
            {10 / 60.0, 3.2, 80, 8, 5, 5, 2, 5},
            {2 / 60.0, 8, 75, 25, 0, 0, 0, 10},
            {
                12 / 60.0,
                4,
                9.5 / 12 * 100,
                1.3 / 12 * 100,
                0.5 / 12 * 100,
                0.5 / 12 * 100,
                0.2 / 12 * 100,
                1.4 / 24 * 100
            }
        };
        int[] rows = {0, 1, 3};
        for (int r = 0; r < 3; r++) {
            for (int col = 0; col < 8; col++) {
                assertEquals(
                        want[r][col],
                        t.doubleColumn(col + 2).get(rows[r]),
                        1e-9,
                        t.column(col + 2).name() + ", row " + rows[r]);
            }
        }
        for (int col = 2; col < 10; col++) {
            assertTrue(t.doubleColumn(col).isMissing(2), "a run with no clock has no figures");
        }
    }

    /** A clock written before clocks recorded their steps: its shares hold, its rate is unknown. */
    @Test
    void aClockWithoutItsStepsGivesSharesButNoRate() throws Exception {
        RunStore store = new RunStore(dir.resolve("runs"), dir);
        RunSpec old = spec("old");
        Files.createDirectories(store.dir(old));
        Files.writeString(
                store.dir(old).resolve(Trainer.TIMING),
                "{\"wall_seconds\": 4.0, \"phases_seconds\": {\"batch_wait\": 0.0,"
                        + " \"gradient\": 3.0, \"update\": 0.0, \"evaluation\": 1.0,"
                        + " \"bookkeeping\": 0.0}, \"augmentation_thread_cpu_seconds\": 0.0}");
        Table t = TrainingTimes.of(store, List.of(old));
        assertEquals(TrainingTimes.NOT_RECORDED, t.stringColumn(1).get(0));
        assertTrue(t.doubleColumn(3).isMissing(0), "no steps, no rate");
        assertEquals(75, t.doubleColumn(4).get(0), 1e-9);
        assertEquals(25, t.doubleColumn(5).get(0), 1e-9);
    }

    /**
     * A clock cut off mid-write marks its own row, named with its file; the other run's figures and
     * the total are that run's alone (worked by hand: 32 samples in 10 s).
     */
    @Test
    void anUnreadableClockMarksItsRowAndStaysOutOfTheTotal() throws Exception {
        RunStore store = new RunStore(dir.resolve("runs"), dir);
        RunSpec good = spec("good");
        RunSpec cut = spec("cut");
        clock(store, good, 0, 8, 10, new double[] {0.5, 8, 0.5, 0.8, 0.2}, 1.0);
        Files.createDirectories(store.dir(cut));
        Path f = store.dir(cut).resolve(Trainer.TIMING);
        Files.writeString(f, "{\"first_step\": 0, \"step\": 8, \"wall_sec");
        Table t = TrainingTimes.of(store, List.of(good, cut));
        assertEquals(3, t.rowCount());
        String mark = t.stringColumn(1).get(1);
        assertTrue(mark.startsWith(TrainingTimes.UNREADABLE), mark);
        assertTrue(mark.contains(f.toString()), "the row names the file: " + mark);
        for (int col = 2; col < 10; col++) {
            assertTrue(t.doubleColumn(col).isMissing(1), "an unreadable clock has no figures");
        }
        assertEquals(10 / 60.0, t.doubleColumn(2).get(2), 1e-9);
        assertEquals(3.2, t.doubleColumn(3).get(2), 1e-9);
        assertEquals(8, t.doubleColumn(5).get(2), 1e-9);
    }
}
