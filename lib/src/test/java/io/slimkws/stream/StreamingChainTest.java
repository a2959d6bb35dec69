package io.slimkws.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slimkws.TinyCorpus;
import io.slimkws.data.Corpus;
import io.slimkws.data.CorpusLoader;
import io.slimkws.data.Labels;
import io.slimkws.data.NoiseBank;
import io.slimkws.data.Split;
import io.slimkws.stream.LongRecording.Word;
import io.slimkws.stream.RecognizeCommands.Detection;
import io.slimkws.stream.StreamingDetector.Posteriors;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detector's chain (windows every hop, the recogniser, the score) on posteriors of a perfect
 * listener: a window is sure of a word when it holds the middle half of the word's clip (where the
 * Speech Commands words are), and of silence otherwise. By hand, such a word is sure in the windows
 * ending 750 to 1250 ms after its clip starts (five or six at a 100 ms hop); the 500 ms average
 * holds six, and passes 0.7 at the fifth sure one, 150 to 250 ms after the clip's end: every
 * keyword is found within the 0.5 s tolerance, the unknown word is never reported, and nothing else
 * is.
 */
class StreamingChainTest {
    @TempDir Path tmp;

    private static Posteriors listener(LongRecording rec, int label) {
        long hop = StreamingDetector.HOP_MS;
        int n = (int) ((rec.seconds() * 1000 - 1000) / hop) + 1;
        long[] end = new long[n];
        float[][] p = new float[n][];
        for (int i = 0; i < n; i++) {
            end[i] = 1000 + i * hop;
            p[i] = new float[Labels.COUNT];
            int sure = Labels.SILENCE_INDEX;
            for (Word w : rec.words()) {
                if (end[i] - 1000 <= w.startMs() + 250 && end[i] >= w.startMs() + 750) {
                    sure = label >= 0 ? label : Labels.index(w.label());
                }
            }
            p[i][sure] = 1;
        }
        return new Posteriors(end, p);
    }

    @Test
    void aPerfectListenerFindsEveryKeywordInTimeAndRaisesNoFalseAlarm() throws Exception {
        Corpus c = CorpusLoader.of().load(TinyCorpus.write(tmp.resolve("corpus")));
        for (long seed = 1; seed <= 5; seed++) {
            LongRecording rec =
                    LongRecording.build(
                            c.clips(Split.TESTING),
                            NoiseBank.load(c.noiseFiles()),
                            LongRecording.Layout.DEFAULT,
                            seed);
            List<Detection> found =
                    StreamingDetector.recognize(
                            listener(rec, -1),
                            StreamingDetector.recognizer(StreamingDetector.THRESHOLD));
            assertEquals(10, found.size(), "one detection per keyword, none for the unknown word");
            for (Detection d : found) {
                Word w =
                        rec.words().stream()
                                .filter(x -> x.label().equals(d.label()))
                                .findFirst()
                                .orElseThrow();
                long late = d.timeMs() - w.endMs();
                assertTrue(late >= 150 && late <= 250, d + " is " + late + " ms after " + w);
            }
            StreamScore s =
                    StreamScore.of(
                            found, rec.words(), rec.seconds(), StreamingBenchmark.TOLERANCE_MS);
            assertEquals(10, s.hits());
            assertEquals(0, s.falseAlarms());
            // The window ending nearest a clip's end (within 50 ms of it) holds the word's middle.
            assertEquals(100.0, StreamingBenchmark.alignedPercent(listener(rec, -1), rec.words()));
        }
    }

    @Test
    void aListenerThatHearsYesInEveryWordHitsTheYesAndNamesTheRestFalseAlarmsNearWords()
            throws Exception {
        Corpus c = CorpusLoader.of().load(TinyCorpus.write(tmp.resolve("corpus")));
        LongRecording rec =
                LongRecording.build(
                        c.clips(Split.TESTING),
                        NoiseBank.load(c.noiseFiles()),
                        LongRecording.Layout.DEFAULT,
                        2);
        List<Detection> found =
                StreamingDetector.recognize(
                        listener(rec, Labels.index("yes")),
                        StreamingDetector.recognizer(StreamingDetector.THRESHOLD));
        // Silence between the words (at least 2 s) resets the recogniser, so every one of the 11
        // words is reported as "yes": the one yes is a hit, the other ten are false alarms.
        assertEquals(11, found.size());
        StreamScore s =
                StreamScore.of(found, rec.words(), rec.seconds(), StreamingBenchmark.TOLERANCE_MS);
        assertEquals(1, s.hits());
        assertEquals(9, s.misses());
        assertEquals(10, s.falseAlarms());
        assertEquals(10, s.falseAlarmsNearWords());
        assertEquals(
                10.0,
                StreamingBenchmark.alignedPercent(listener(rec, Labels.index("yes")), rec.words()));
    }

    @Test
    void withTwoSecondGapsTheRefractoryPeriodAfterSilenceHidesSomeKeywords() throws Exception {
        Corpus c = CorpusLoader.of().load(TinyCorpus.write(tmp.resolve("corpus")));
        int hidden = 0;
        for (long seed = 1; seed <= 5; seed++) {
            LongRecording rec =
                    LongRecording.build(
                            c.clips(Split.TESTING),
                            NoiseBank.load(c.noiseFiles()),
                            new LongRecording.Layout(0.1, 2000, 3000),
                            seed);
            hidden +=
                    10
                            - StreamingDetector.recognize(
                                            listener(rec, -1),
                                            StreamingDetector.recognizer(
                                                    StreamingDetector.THRESHOLD))
                                    .size();
        }
        assertTrue(hidden > 0, "a perfect listener loses keywords to the refractory period");
    }
}
