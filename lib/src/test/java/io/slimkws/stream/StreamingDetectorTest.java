package io.slimkws.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slimkws.TestWavs;
import io.slimkws.audio.Wav;
import io.slimkws.model.KwsCnn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recording the detector cannot listen to is refused naming the file and why. */
class StreamingDetectorTest {
    @TempDir Path tmp;

    private IOException refused(MultiLayerNetwork net, Path wav) {
        IOException e = assertThrows(IOException.class, () -> StreamingDetector.detect(net, wav));
        assertTrue(e.getMessage().contains(wav.getFileName().toString()), e.getMessage());
        return e;
    }

    @Test
    void emptySubSecondAndWrongFormatRecordingsAreRefused() throws Exception {
        MultiLayerNetwork net = KwsCnn.build(1);
        Path empty = tmp.resolve("empty.wav");
        Wav.write(empty, new short[0]);
        assertTrue(refused(net, empty).getMessage().contains("is empty"));
        Path half = tmp.resolve("half.wav");
        Wav.write(half, new short[8000]);
        String m = refused(net, half).getMessage();
        assertTrue(m.contains("0.50 s long") && m.contains("at least one second"), m);
        Path rate = tmp.resolve("cd.wav");
        Files.write(rate, TestWavs.wav(1, 1, 44100, 16, new byte[88200], 88200));
        assertTrue(refused(net, rate).getMessage().contains("44100"));
        Path stereo = tmp.resolve("stereo.wav");
        Files.write(stereo, TestWavs.wav(1, 2, 16000, 16, new byte[128000], 128000));
        assertTrue(refused(net, stereo).getMessage().contains("2 channels"));
    }

    @Test
    void oneSecondIsOneWindowAndEachHopAddsOne() {
        MultiLayerNetwork net = KwsCnn.build(1);
        // By hand: (samples - 16000) / 1600 + 1 windows, each stamped with its end.
        StreamingDetector.Posteriors p =
                StreamingDetector.posteriors(net, new float[16000 + 3 * 1600 + 1599], 100);
        assertEquals(4, p.endMs().length);
        assertEquals(1000, p.endMs()[0]);
        assertEquals(1300, p.endMs()[3]);
        assertEquals(12, p.scores()[3].length);
        float sum = 0;
        for (float v : p.scores()[2]) {
            sum += v;
        }
        assertEquals(1f, sum, 1e-5f, "posteriors");
    }
}
