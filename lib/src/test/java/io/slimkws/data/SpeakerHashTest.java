package io.slimkws.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.slimkws.TestData;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SpeakerHashTest {

    @Test
    void percentagesMatchPythonHashlib() {
        // Reference values from Python: (int(hashlib.sha1(n.encode()).hexdigest(), 16) % 2**27) *
        // (100.0 / (2**27 - 1))
        assertEquals(17.82158700988879, SpeakerHash.percentage("0c540988"), 1e-12);
        assertEquals(12.083593845990254, SpeakerHash.percentage("022cd682"), 1e-12);
        assertEquals(69.8384245473029, SpeakerHash.percentage("1024.wav"), 1e-12);
        assertEquals(55.30171137527906, SpeakerHash.percentage("ffd2ba2f"), 1e-12);
        assertEquals(93.2815022266023, SpeakerHash.percentage("a"), 1e-12);
    }

    @Test
    void speakerIdInBothLayouts() {
        assertEquals("0c540988", SpeakerHash.speaker("0c540988_nohash_0.wav"));
        assertEquals("0c540988", SpeakerHash.speaker("backward_0c540988_nohash_0.wav.wav"));
        assertNull(SpeakerHash.speaker("1024.wav"));
        assertEquals(Split.TESTING, SpeakerHash.recipeSplit("0c540988_nohash_0.wav"));
        assertEquals(Split.TRAINING, SpeakerHash.recipeSplit("ffd2ba2f_nohash_3.wav"));
    }

    @Test
    void eachBandOfTheRecipeWithSpeakersNextToItsEdges() {
        // Percentages from Python's hashlib as above: 9.5557 and 9.9279 (validation, below 10),
        // 10.0415 and 19.9257 (testing, [10, 20)), 20.0993 (training).
        assertEquals(9.555729549793373, SpeakerHash.percentage("00000000"), 1e-12);
        assertEquals(Split.VALIDATION, SpeakerHash.recipeSplit("00000000_nohash_0.wav"));
        assertEquals(Split.VALIDATION, SpeakerHash.recipeSplit("fd31bdc4_nohash_1.wav"));
        assertEquals(Split.TESTING, SpeakerHash.recipeSplit("4456c25a_nohash_0.wav"));
        assertEquals(Split.TESTING, SpeakerHash.recipeSplit("a8b1e5bb_nohash_2.wav"));
        assertEquals(Split.TRAINING, SpeakerHash.recipeSplit("1810e4a7_nohash_0.wav"));
        // The rule's bounds themselves: [0, 10) validation, [10, 20) testing, the rest training.
        assertEquals(Split.VALIDATION, SpeakerHash.of(0));
        assertEquals(Split.TESTING, SpeakerHash.of(10));
        assertEquals(Split.TRAINING, SpeakerHash.of(20));
    }

    @Test
    void everySpeakerOfTheV002TestSetIsInTheTestingBand() throws Exception {
        var data = TestData.testSet();
        assumeTrue(data.isPresent(), "real test set not found beside the clone");
        Corpus c = CorpusLoader.of().load(data.get());
        var speakers = new TreeSet<String>();
        c.clips().stream().filter(x -> x.speaker() != null).forEach(x -> speakers.add(x.speaker()));
        assertEquals(239, speakers.size());
        for (String s : speakers) {
            double p = SpeakerHash.percentage(s);
            assertTrue(p >= 10 && p < 20, s + " hashes to " + p + ", outside the testing band");
        }
    }

    @Test
    void miniSplitKeepsSpeakersDisjoint() throws Exception {
        var data = TestData.testSet();
        assumeTrue(data.isPresent(), "real test set not found beside the clone");
        Corpus c = CorpusLoader.of().load(data.get());
        assertEquals(4890, c.clips().size());
        assertEquals(0, c.badFiles().size());
        Map<String, Split> seen = new HashMap<>();
        for (Clip clip : c.clips()) {
            if (clip.speaker() == null) {
                continue;
            }
            Split before = seen.putIfAbsent(clip.speaker(), clip.split());
            assertTrue(
                    before == null || before == clip.split(),
                    clip.speaker() + " is in " + before + " and " + clip.split());
        }
        // Counted independently with Python over the same folder: 199 / 25 / 15 speakers.
        assertEquals(199, c.speakers(Split.TRAINING).size());
        assertEquals(25, c.speakers(Split.VALIDATION).size());
        assertEquals(15, c.speakers(Split.TESTING).size());
        assertEquals(6, c.noiseFiles().size());
    }
}
