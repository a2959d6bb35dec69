package io.slimkws.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A main's error is one line for the user, with the stack trace in the log file that line names.
 */
class ErrorsTest {
    @TempDir Path tmp;

    @Test
    void oneLineWithTheCausesThatAddToItAndTheTraceInTheLog() throws Exception {
        Exception e =
                new IOException(
                        "cannot train stage1-RGSM-lambda0.05",
                        new IllegalStateException("training loss is NaN\nat step 18"));
        assertEquals(
                "cannot train stage1-RGSM-lambda0.05: training loss is NaN at step 18",
                Errors.line(e));
        // A cause that only repeats the message is not said twice.
        assertEquals(
                "x failed",
                Errors.line(new RuntimeException("x failed", new RuntimeException("failed"))));
        Path log = Errors.log(tmp.resolve("runs").resolve("mini"), "train", e);
        assertEquals(tmp.resolve("runs").resolve("mini").resolve("train-error.log"), log);
        String trace = Files.readString(log);
        assertTrue(
                trace.contains("java.io.IOException: cannot train") && trace.contains("Caused by"),
                trace);
    }
}
