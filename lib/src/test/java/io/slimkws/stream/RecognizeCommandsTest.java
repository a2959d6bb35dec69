package io.slimkws.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slimkws.data.Labels;
import io.slimkws.stream.RecognizeCommands.Detection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RecognizeCommands on posterior sequences worked by hand (TensorFlow's rules: average over the
 * window, at least the minimum count, a new label above the threshold after the refractory period).
 */
class RecognizeCommandsTest {
    /** Posteriors with {@code p} on {@code label} and the rest spread evenly. */
    static float[] scores(String label, double p) {
        float[] s = new float[Labels.COUNT];
        Arrays.fill(s, (float) ((1 - p) / (Labels.COUNT - 1)));
        s[Labels.index(label)] = (float) p;
        return s;
    }

    static List<Detection> run(RecognizeCommands rc, long startMs, String[] labels, double[] p) {
        List<Detection> d = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            rc.process(startMs + 100L * i, scores(labels[i], p[i])).ifPresent(d::add);
        }
        return d;
    }

    @Test
    void aSustainedKeywordIsFoundOnceWhenItsAverageCrossesTheThreshold() {
        // Window 500 ms, threshold 0.7, refractory 1500 ms, at least 3 posteriors. "yes" at 0.9
        // every 100 ms from t = 1000: at 1000 and 1100 fewer than 3 posteriors; at 1200 three,
        // mean 0.9 > 0.7: found at 1200, and never again while it lasts (the same label).
        RecognizeCommands rc = new RecognizeCommands(500, 0.7, 1500, 3);
        String[] l = {"yes", "yes", "yes", "yes", "yes", "yes"};
        double[] p = {0.9, 0.9, 0.9, 0.9, 0.9, 0.9};
        List<Detection> d = run(rc, 1000, l, p);
        assertEquals(1, d.size(), d.toString());
        assertEquals("yes", d.get(0).label());
        assertEquals(1200, d.get(0).timeMs());
        assertEquals(0.9, d.get(0).score(), 1e-6);
    }

    @Test
    void theAverageDecidesNotOneWindowAndSilenceIsNeverReported() {
        // "no" at 0.95, 0.95, then 0.1 (silence on top) at 1000-1200: the mean of "no" over the
        // three is 0.667 < 0.7, so nothing; silence at 0.95 afterwards is no keyword.
        RecognizeCommands rc = new RecognizeCommands(500, 0.7, 0, 3);
        List<Detection> d =
                run(
                        rc,
                        1000,
                        new String[] {"no", "no", Labels.SILENCE, Labels.SILENCE, Labels.SILENCE},
                        new double[] {0.95, 0.95, 0.95, 0.95, 0.95});
        assertTrue(d.isEmpty(), d.toString());
    }

    @Test
    void theRefractoryPeriodHoldsBackASecondLabelUntilItEnds() {
        // "up" found at 1200; "down" takes over from 1300. At 1500 the window 1000-1500 holds
        // up x3 and down x3: down's mean (3·0.9 + 3·0.0091)/6 ≈ 0.455. At 1700 (1200-1700): up x1,
        // down x5: ≈ 0.752 > 0.7, but 1700 − 1200 = 500 ≤ 1500, held back; 2700 − 1200 = 1500 is
        // not more than 1500 either; at 2800 it is: found.
        RecognizeCommands rc = new RecognizeCommands(500, 0.7, 1500, 3);
        List<String> labels = new ArrayList<>(List.of("up", "up", "up"));
        while (labels.size() < 20) {
            labels.add("down");
        }
        double[] p = new double[labels.size()];
        Arrays.fill(p, 0.9);
        List<Detection> d = run(rc, 1000, labels.toArray(new String[0]), p);
        assertEquals(2, d.size(), d.toString());
        assertEquals("up", d.get(0).label());
        assertEquals(1200, d.get(0).timeMs());
        assertEquals("down", d.get(1).label());
        assertEquals(2800, d.get(1).timeMs());
    }

    @Test
    void badInputIsRefusedNamingWhatWasExpected() {
        assertThrows(IllegalArgumentException.class, () -> new RecognizeCommands(0, 0.7, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new RecognizeCommands(500, 1.5, 0, 1));
        RecognizeCommands rc = new RecognizeCommands(500, 0.7, 0, 1);
        rc.process(1000, scores("yes", 0.9));
        var e =
                assertThrows(
                        IllegalArgumentException.class, () -> rc.process(1000, scores("no", 0.9)));
        assertTrue(e.getMessage().contains("times must increase"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rc.process(2000, new float[3]));
    }
}
