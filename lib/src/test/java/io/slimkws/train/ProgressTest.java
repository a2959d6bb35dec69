package io.slimkws.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty evaluations of a short run: five lines on the console (0, 25, 50, 75, 100 %), all twenty
 * in the log.
 */
class ProgressTest {
    @TempDir Path tmp;

    @Test
    void theConsoleGetsTheQuartersAndTheLogGetsEveryLine() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Path log = tmp.resolve("progress.log");
        Progress p = new Progress("run", 0, 400, new PrintStream(buf, true), log);
        for (int step = 0; step <= 400; step += 20) {
            p.report(step, "val 50.0%");
        }
        String[] shown = buf.toString().strip().split("\n");
        assertEquals(5, shown.length, buf.toString());
        assertTrue(
                shown[0].contains(" 0/400")
                        && shown[1].contains(" 100/400")
                        && shown[2].contains(" 200/400")
                        && shown[3].contains(" 300/400")
                        && shown[4].contains(" 400/400"),
                buf.toString());
        assertEquals(21, Files.readAllLines(log).size());
    }

    @Test
    void aLongQuietStretchStillShowsALine() {
        Progress p =
                new Progress("run", 0, 1000, new PrintStream(new ByteArrayOutputStream()), null);
        assertTrue(p.shown(0, 0));
        assertTrue(!p.shown(10, 100));
        assertTrue(p.shown(20, Progress.HEARTBEAT_SECONDS + 1), "ten minutes without a line");
    }
}
