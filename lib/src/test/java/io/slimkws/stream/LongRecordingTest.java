package io.slimkws.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slimkws.TinyCorpus;
import io.slimkws.audio.Wav;
import io.slimkws.data.Clip;
import io.slimkws.data.Corpus;
import io.slimkws.data.CorpusLoader;
import io.slimkws.data.Labels;
import io.slimkws.data.NoiseBank;
import io.slimkws.data.Split;
import io.slimkws.stream.LongRecording.Layout;
import io.slimkws.stream.LongRecording.Word;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The long recording holds every spoken test clip once, where its truth says, over the noise. */
class LongRecordingTest {
    @TempDir Path tmp;

    private static int at(long ms) {
        return (int) (ms * Wav.SAMPLE_RATE / 1000);
    }

    @Test
    void everySpokenClipOnceAtItsTruthTimeWithGapsInRangeAndNothingElse() throws Exception {
        Corpus c = CorpusLoader.of().load(TinyCorpus.write(tmp.resolve("corpus")));
        List<Clip> clips = new ArrayList<>(c.clips(Split.TESTING));
        clips.add(Clip.generatedSilence(Split.TESTING));
        Layout silent = new Layout(0, 700, 1300);
        LongRecording rec = LongRecording.build(clips, NoiseBank.load(c.noiseFiles()), silent, 5);
        // By hand: TinyCorpus's test speaker says the ten keywords and "cat" (unknown), once each.
        assertEquals(11, rec.words().size());
        assertEquals(10, rec.keywords());
        Set<Path> files = new HashSet<>();
        rec.words().forEach(w -> files.add(w.file()));
        assertEquals(11, files.size(), "each clip once");
        float[] x = rec.samples();
        boolean[] inWord = new boolean[x.length];
        long previousEnd = 0;
        for (Word w : rec.words()) {
            assertEquals(
                    w.file().getParent().getFileName().toString().equals("cat")
                            ? Labels.UNKNOWN
                            : w.file().getParent().getFileName().toString(),
                    w.label());
            assertEquals(w.startMs() + 1000, w.endMs());
            long gap = w.startMs() - previousEnd;
            assertTrue(gap >= 700 && gap <= 1300 + (previousEnd == 0 ? 1300 : 0), "gap " + gap);
            // With the background at volume 0, the recording there is the clip, sample for sample.
            float[] clip = Wav.readClip(w.file());
            assertArrayEquals(clip, Arrays.copyOfRange(x, at(w.startMs()), at(w.endMs())));
            Arrays.fill(inWord, at(w.startMs()), at(w.endMs()), true);
            previousEnd = w.endMs();
        }
        for (int i = 0; i < x.length; i++) {
            if (!inWord[i]) {
                assertEquals(0f, x[i], "sample " + i + " outside every word");
            }
        }
        assertTrue(x.length >= at(previousEnd + 1300), "a gap after the last word");
    }

    @Test
    void theBackgroundIsTheNoiseAtTheLayoutsVolume() throws Exception {
        Corpus c = CorpusLoader.of().load(TinyCorpus.write(tmp.resolve("corpus")));
        NoiseBank noise = NoiseBank.load(c.noiseFiles());
        LongRecording rec = LongRecording.build(c.clips(Split.TESTING), noise, Layout.DEFAULT, 3);
        float[] n = Wav.readScaled(c.noiseFiles().get(0));
        float[] x = rec.samples();
        // Before the first word (at least 7 s in; the noise file is 2 s): 0.1 x the noise file.
        for (int i = 0; i < n.length; i++) {
            assertEquals(0.1 * n[i], x[i], 1e-7, "sample " + i);
        }
        // The noise file repeats: the recording is longer than it, and the background goes on.
        Word first = rec.words().get(0);
        int after = at(first.endMs()) + 100;
        assertEquals(0.1 * n[after % n.length], x[after], 1e-7);
        // A word over the background: the clip plus 0.1 x the noise, clipped to [-1, 1].
        float[] clip = Wav.readClip(first.file());
        int s = at(first.startMs());
        for (int i = 0; i < clip.length; i += 97) {
            double want = Math.max(-1, Math.min(1, clip[i] + 0.1 * n[(s + i) % n.length]));
            assertEquals(want, x[s + i], 1e-6);
        }
        assertEquals(rec.samples().length / 16000.0, rec.seconds(), 1e-9);
    }

    @Test
    void writesA16kHzWavAndItsTruth() throws Exception {
        Corpus c = CorpusLoader.of().load(TinyCorpus.write(tmp.resolve("corpus")));
        LongRecording rec =
                LongRecording.build(
                        c.clips(Split.TESTING), NoiseBank.load(c.noiseFiles()), Layout.DEFAULT, 1);
        rec.write(tmp.resolve("long.wav"), tmp.resolve("long.csv"));
        short[] pcm = Wav.readPcm16(tmp.resolve("long.wav"));
        assertEquals(rec.samples().length, pcm.length);
        assertEquals(Math.round(rec.samples()[12345] * 32768.0), pcm[12345], 1);
        List<String> lines = Files.readAllLines(tmp.resolve("long.csv"));
        assertEquals("label,start_ms,end_ms,file", lines.get(0));
        assertEquals(rec.words().size() + 1, lines.size());
        Word w = rec.words().get(4);
        assertEquals(
                w.label() + "," + w.startMs() + "," + w.endMs() + "," + w.file().getFileName(),
                lines.get(5));
    }

    @Test
    void aBadClipIsNamedAndSilenceAloneIsRefused() throws Exception {
        Corpus c = CorpusLoader.of().load(TinyCorpus.write(tmp.resolve("corpus")));
        NoiseBank noise = NoiseBank.load(c.noiseFiles());
        Path bad = tmp.resolve("corpus/yes/broken_nohash_0.wav");
        Files.writeString(bad, "not a wav");
        List<Clip> clips = new ArrayList<>(c.clips(Split.TESTING));
        clips.add(new Clip(bad, Labels.index("yes"), "yes", "broken", Split.TESTING));
        IOException e =
                assertThrows(
                        IOException.class,
                        () -> LongRecording.build(clips, noise, Layout.DEFAULT, 1));
        assertTrue(e.getMessage().contains("broken_nohash_0.wav"), e.getMessage());
        IllegalArgumentException none =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                LongRecording.build(
                                        List.of(Clip.generatedSilence(Split.TESTING)),
                                        noise,
                                        Layout.DEFAULT,
                                        1));
        assertTrue(none.getMessage().contains("silence only"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Layout(1.5, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Layout(0.1, 2000, 1000));
    }
}
