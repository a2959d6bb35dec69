package io.slimkws.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slimkws.TestWavs;
import io.slimkws.audio.Wav;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusLoaderTest {
    @TempDir Path root;

    static void good(Path f) throws IOException {
        Files.createDirectories(f.getParent());
        Wav.write(f, new short[16_000]);
    }

    /** A test-set-layout folder with a few good clips and one of each kind of broken file. */
    @Test
    void everyBrokenFileIsReportedByName() throws Exception {
        for (String l : Labels.ALL) {
            good(root.resolve(l).resolve(l.startsWith("_") ? "1.wav" : "aaaa0001_nohash_0.wav"));
        }
        good(root.resolve("_background_noise_/noise.wav"));
        byte[] stereo = TestWavs.wav(1, 2, 16000, 16, new byte[8], 8);
        byte[] eightBit = TestWavs.wav(1, 1, 16000, 8, new byte[8], 8);
        byte[] floats = TestWavs.wav(3, 1, 16000, 32, new byte[8], 8);
        byte[] rate = TestWavs.wav(1, 1, 8000, 16, new byte[8], 8);
        byte[] truncated = TestWavs.wav(1, 1, 16000, 16, new byte[8], 32000);
        Files.write(root.resolve("yes/bad00001_nohash_0.wav"), new byte[0]);
        Files.write(root.resolve("yes/bad00002_nohash_0.wav"), "not audio".getBytes());
        Files.write(root.resolve("no/bad00003_nohash_0.wav"), stereo);
        Files.write(root.resolve("up/bad00004_nohash_0.wav"), eightBit);
        Files.write(root.resolve("_unknown_/cat_bad00005_nohash_0.wav.wav"), floats);
        Files.write(root.resolve("_silence_/99.wav"), rate);
        Files.write(root.resolve("go/bad00006_nohash_0.wav"), truncated);

        Corpus c = CorpusLoader.of().load(root);
        assertEquals(Layout.TEST_SET, c.layout());
        assertEquals(12, c.clips().size(), "the good clips are all kept");
        Set<String> reported =
                c.badFiles().stream()
                        .map(b -> b.file().getFileName().toString())
                        .collect(Collectors.toSet());
        assertEquals(
                Set.of(
                        "bad00001_nohash_0.wav",
                        "bad00002_nohash_0.wav",
                        "bad00003_nohash_0.wav",
                        "bad00004_nohash_0.wav",
                        "cat_bad00005_nohash_0.wav.wav",
                        "99.wav",
                        "bad00006_nohash_0.wav"),
                reported);
        assertEquals(7, c.badFileTable().rowCount());

        IOException e =
                assertThrows(IOException.class, () -> CorpusLoader.of().strict(true).load(root));
        for (String name : reported) {
            assertTrue(e.getMessage().contains(name), "strict error names " + name);
        }
        assertTrue(e.getMessage().startsWith("7 bad file(s)"));
    }

    @Test
    void anEmptyClassFolderIsReportedAndAnUnreadableFileSaysWhy() throws Exception {
        for (String l : Labels.ALL) {
            if (!l.equals("left")) {
                good(
                        root.resolve(l)
                                .resolve(l.startsWith("_") ? "1.wav" : "aaaa0001_nohash_0.wav"));
            }
        }
        Files.createDirectories(root.resolve("left"));
        good(root.resolve("_background_noise_/noise.wav"));
        Corpus c = CorpusLoader.of().load(root);
        assertEquals(1, c.badFiles().size());
        assertEquals(root.resolve("left"), c.badFiles().get(0).file());
        assertTrue(
                c.badFiles().get(0).problem().contains("no .wav files")
                        && c.badFiles().get(0).problem().contains("'left'"));
        // Root reads any file, so the permission case is checked on the exception java.nio throws
        // for it.
        Path f = root.resolve("yes/aaaa0001_nohash_0.wav");
        assertEquals(
                "cannot be read: permission denied",
                CorpusLoader.problem(f, new AccessDeniedException(f.toString())));
        assertEquals(
                "disappeared while the corpus was loading",
                CorpusLoader.problem(f, new NoSuchFileException(f.toString())));
    }

    @Test
    void fullLayoutUsesTheListsAndAddsTenPercentSilenceAndUnknown() throws Exception {
        // 20 "yes" clips from 20 speakers; 5 "cat" clips (an unknown word); lists put speakers 0,1
        // in validation and 2 in testing.
        for (int i = 0; i < 20; i++) {
            good(root.resolve(String.format("yes/spk%05d_nohash_0.wav", i)));
        }
        for (int i = 0; i < 5; i++) {
            good(root.resolve(String.format("cat/spk%05d_nohash_1.wav", i)));
        }
        good(root.resolve("_background_noise_/white.wav"));
        Files.write(
                root.resolve("validation_list.txt"),
                List.of(
                        "yes/spk00000_nohash_0.wav",
                        "yes/spk00001_nohash_0.wav",
                        "cat/spk00000_nohash_1.wav",
                        "cat/spk00001_nohash_1.wav"));
        Files.write(
                root.resolve("testing_list.txt"),
                List.of("yes/spk00002_nohash_0.wav", "cat/spk00002_nohash_1.wav"));
        Corpus c = CorpusLoader.of().load(root);
        assertEquals(Layout.FULL, c.layout());
        // training: 17 keywords -> ceil(1.7) = 2 silence and 2 unknown (pool of 2)
        List<Clip> train = c.clips(Split.TRAINING);
        assertEquals(17, train.stream().filter(x -> x.label() == Labels.index("yes")).count());
        assertEquals(2, train.stream().filter(Clip::isGeneratedSilence).count());
        assertEquals(2, train.stream().filter(x -> x.label() == Labels.UNKNOWN_INDEX).count());
        // validation: 2 keywords -> ceil(0.2) = 1 silence, 1 unknown
        List<Clip> val = c.clips(Split.VALIDATION);
        assertEquals(2 + 1 + 1, val.size());
        assertEquals(1, c.noiseFiles().size());
    }

    @Test
    void notSpeechCommandsIsAClearError() throws Exception {
        Files.createDirectories(root.resolve("photos"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> CorpusLoader.of().load(root));
        assertTrue(e.getMessage().contains("not Speech Commands"));
    }
}
