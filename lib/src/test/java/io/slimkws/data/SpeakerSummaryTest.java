package io.slimkws.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slimkws.TinyCorpus;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The speaker facts, counted by hand on the tiny corpus. */
class SpeakerSummaryTest {
    @TempDir Path tmp;

    @Test
    void speakersAreCountedOnceAndNoneCrossesSplits() throws Exception {
        Corpus c = CorpusLoader.of().load(TinyCorpus.write(tmp.resolve("corpus")));
        Set<String> speakers = new TreeSet<>();
        int band = 0;
        for (Clip clip : c.clips()) {
            if (clip.speaker() != null && speakers.add(clip.speaker())) {
                double p = SpeakerHash.percentage(clip.speaker());
                band += p >= 10 && p < 20 ? 1 : 0;
            }
        }
        Corpus.SpeakerSummary s = c.speakerSummary();
        assertEquals(speakers.size(), s.speakers());
        assertEquals(band, s.inTestingBand());
        assertEquals(0, s.crossingSplits());
    }
}
