package io.slimkws.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slimkws.TestWavs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavTest {
    @TempDir Path dir;

    static byte[] wav(
            int format, int channels, int rate, int bits, byte[] data, int declaredDataSize) {
        return TestWavs.wav(format, channels, rate, bits, data, declaredDataSize);
    }

    Path file(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void readsPcm16AndScalesLikeDecodeWav() throws Exception {
        byte[] data = {0x00, (byte) 0x80, (byte) 0xFF, 0x7F, 0x00, 0x40}; // -32768, 32767, 16384
        Path p = file("ok.wav", wav(1, 1, 16000, 16, data, data.length));
        assertArrayEquals(new short[] {-32768, 32767, 16384}, Wav.readPcm16(p));
        float[] clip = Wav.readClip(p);
        assertEquals(16_000, clip.length);
        assertEquals(-1.0f, clip[0]);
        assertEquals(0.5f, clip[2]);
        assertEquals(0.0f, clip[15_999]); // zero-padded to one second
    }

    @Test
    void badFilesNameTheFileAndTheProblem() throws Exception {
        byte[] two = {1, 0, 2, 0};
        assertProblem(file("empty.wav", new byte[0]), "empty");
        assertProblem(file("text.wav", "hello, not audio".getBytes()), "not a RIFF");
        assertProblem(file("rate.wav", wav(1, 1, 44100, 16, two, 4)), "44100");
        assertProblem(file("stereo.wav", wav(1, 2, 16000, 16, two, 4)), "2 channels");
        assertProblem(file("8bit.wav", wav(1, 1, 16000, 8, two, 4)), "8-bit");
        assertProblem(file("float.wav", wav(3, 1, 16000, 32, two, 4)), "float");
        assertProblem(file("truncated.wav", wav(1, 1, 16000, 16, two, 32000)), "truncated");
        assertProblem(dir.resolve("missing.wav"), "does not exist");
    }

    static void assertProblem(Path p, String expected) {
        WavFormatException e = assertThrows(WavFormatException.class, () -> Wav.readPcm16(p));
        assertTrue(e.getMessage().contains(p.getFileName().toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(p, e.file());
    }
}
