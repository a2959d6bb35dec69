package io.slimkws.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict against the target and the moonshot, and the table's rows, on scores set by hand. */
class StreamingBenchmarkTest {
    private static StreamingBenchmark.Result result(int hits, int falseAlarms) {
        // 100 keywords in one hour of recording: hits are percent, false alarms per hour.
        StreamScore s = new StreamScore(100, hits, falseAlarms, 0, 3600, 500);
        return new StreamingBenchmark.Result(
                3600, 120, s, List.of(new StreamingBenchmark.Point(0.7, s)), 81.5);
    }

    @Test
    void theTargetNeedsSeventyPercentAtTwentyFalseAlarmsPerHourAndTheMoonshotEightyFiveAtFive() {
        assertTrue(StreamingBenchmark.verdict(result(70, 20)).contains("per hour): met. Moon"));
        assertTrue(StreamingBenchmark.verdict(result(69, 0)).contains("per hour): missed. Moon"));
        assertTrue(StreamingBenchmark.verdict(result(99, 21)).contains("per hour): missed. Moon"));
        assertTrue(StreamingBenchmark.verdict(result(85, 5)).endsWith("per hour): met."));
        assertTrue(StreamingBenchmark.verdict(result(85, 6)).endsWith("per hour): missed."));
        assertTrue(StreamingBenchmark.verdict(result(84, 5)).endsWith("per hour): missed."));
        String v = StreamingBenchmark.verdict(result(72, 3));
        assertTrue(v.contains("72 of 100 keywords"), v);
        assertTrue(v.contains("72.0 % [62.5, 79.9]"), v);
        assertTrue(v.contains("3 false alarm(s) in 60.0 min of recording = 3.0 per hour"), v);
        assertTrue(v.contains("ranks it first for 81.5 % of them"), v);
        var t = StreamingBenchmark.table(result(72, 3));
        assertEquals(1, t.rowCount());
        assertEquals(28, t.intColumn("missed").get(0));
        assertEquals(3.0, t.doubleColumn("false alarms per hour").get(0), 0);
    }
}
