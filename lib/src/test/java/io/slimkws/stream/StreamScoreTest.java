package io.slimkws.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slimkws.data.Labels;
import io.slimkws.stream.LongRecording.Word;
import io.slimkws.stream.RecognizeCommands.Detection;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hits, misses and false alarms of hand-placed detections, counted by hand. */
class StreamScoreTest {
    private static Word word(String label, long startMs) {
        return new Word(label, Path.of(label + ".wav"), startMs);
    }

    private static Detection at(String label, long ms) {
        return new Detection(label, ms, 0.9);
    }

    @Test
    void countsHitsMissesAndFalseAlarmsAsDerivedByHand() {
        List<Word> words =
                List.of(
                        word("yes", 1000), // ends at 2000
                        word("no", 4000), // ends at 5000
                        word(Labels.UNKNOWN, 7000), // ends at 8000
                        word("up", 10000)); // ends at 11000
        List<Detection> found =
                List.of(
                        at("stop", 20000), // in the background: a false alarm
                        at("yes", 2300), // 300 ms after yes ends: a hit
                        at("yes", 2400), // yes is taken: a false alarm near a word
                        at("no", 5600), // 600 ms after no ends, beyond 500: a false alarm alone
                        at("left", 8200), // on the unknown word: a false alarm near a word
                        at("up", 10500)); // exactly 500 ms before up ends: a hit
        StreamScore s = StreamScore.of(found, words, 36, 500);
        assertEquals(3, s.keywords(), "yes, no, up (the unknown word is not one)");
        assertEquals(2, s.hits());
        assertEquals(1, s.misses());
        assertEquals(4, s.falseAlarms());
        assertEquals(2, s.falseAlarmsNearWords());
        assertEquals(100.0 * 2 / 3, s.hitPercent(), 1e-12);
        assertEquals(400.0, s.falseAlarmsPerHour(), 1e-9, "4 in 36 s");
        assertEquals(0.01, s.hours(), 1e-12);
    }

    @Test
    void aDetectionHitsTheNearestKeywordOfItsLabelAndEachKeywordOnce() {
        List<Word> words = List.of(word("yes", 1000), word("yes", 2600)); // end 2000 and 3600
        // 2350 is 350 ms from the first end and 1250 from the second: the first; 3400 then hits
        // the second (200 ms); a third yes at 3500 finds both taken.
        StreamScore s =
                StreamScore.of(
                        List.of(at("yes", 3400), at("yes", 2350), at("yes", 3500)), words, 10, 500);
        assertEquals(2, s.hits());
        assertEquals(1, s.falseAlarms());
        // With a 2 s tolerance, detections are taken in time order, each by its nearest free one.
        StreamScore wide =
                StreamScore.of(List.of(at("yes", 2900), at("yes", 3000)), words, 10, 2000);
        assertEquals(2, wide.hits(), "2900 takes the second (700 ms) and 3000 the first (1000 ms)");
        assertEquals(0, StreamScore.of(List.of(), words, 10, 500).hits());
        assertEquals(2, StreamScore.of(List.of(), words, 10, 500).misses());
    }
}
