package io.slimkws.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the Speech Commands WAV format and nothing else: RIFF/WAVE, PCM, 16-bit, mono, 16 kHz.
 * Anything else (truncated, not RIFF, another rate, stereo, 8-bit, float, empty) is a {@link
 * WavFormatException} naming the file and what was expected.
 */
public final class Wav {
    public static final int SAMPLE_RATE = 16_000;

    /** One second: the recipe pads or trims every clip to this. */
    public static final int CLIP_SAMPLES = 16_000;

    private static final int WAVE_FORMAT_PCM = 1;
    private static final int WAVE_FORMAT_IEEE_FLOAT = 3;
    private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;

    private Wav() {}

    /** Raw 16-bit samples of the file, as stored (any length). */
    public static short[] readPcm16(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new WavFormatException(file, "file does not exist");
        }
        return parse(file, bytes);
    }

    /** Samples scaled as TensorFlow's DecodeWav does (int16 / 32768, in [-1, 1)). */
    public static float[] readScaled(Path file) throws IOException {
        return scale(readPcm16(file));
    }

    /** One second of samples, zero-padded or trimmed at the end, as the recipe's decoder does. */
    public static float[] readClip(Path file) throws IOException {
        return fitToClip(readScaled(file));
    }

    public static float[] scale(short[] pcm) {
        float[] out = new float[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            out[i] = pcm[i] / 32768.0f;
        }
        return out;
    }

    public static float[] fitToClip(float[] x) {
        return x.length == CLIP_SAMPLES ? x : Arrays.copyOf(x, CLIP_SAMPLES);
    }

    static short[] parse(Path file, byte[] b) throws WavFormatException {
        if (b.length == 0) {
            throw new WavFormatException(
                    file, "empty file; expected a RIFF/WAVE PCM 16-bit mono 16 kHz file");
        }
        if (b.length < 12 || !ascii(b, 0, "RIFF") || !ascii(b, 8, "WAVE")) {
            throw new WavFormatException(file, "not a RIFF/WAVE file (no 'RIFF....WAVE' header)");
        }
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        boolean haveFmt = false;
        while (pos + 8 <= b.length) {
            String id = new String(b, pos, 4, StandardCharsets.US_ASCII);
            long size = Integer.toUnsignedLong(bb.getInt(pos + 4));
            int body = pos + 8;
            if (id.equals("fmt ")) {
                if (size < 16 || body + 16 > b.length) {
                    throw new WavFormatException(
                            file, "truncated: 'fmt ' chunk is shorter than 16 bytes");
                }
                int format = Short.toUnsignedInt(bb.getShort(body));
                int channels = Short.toUnsignedInt(bb.getShort(body + 2));
                int rate = bb.getInt(body + 4);
                int bits = Short.toUnsignedInt(bb.getShort(body + 14));
                if (format == WAVE_FORMAT_EXTENSIBLE && size >= 40 && body + 26 <= b.length) {
                    format = Short.toUnsignedInt(bb.getShort(body + 24));
                }
                if (format == WAVE_FORMAT_IEEE_FLOAT) {
                    throw new WavFormatException(
                            file, "float samples; expected 16-bit integer PCM");
                }
                if (format != WAVE_FORMAT_PCM) {
                    throw new WavFormatException(
                            file, "audio format " + format + "; expected 1 (PCM)");
                }
                if (channels != 1) {
                    throw new WavFormatException(file, channels + " channels; expected mono (1)");
                }
                if (bits != 16) {
                    throw new WavFormatException(file, bits + "-bit samples; expected 16-bit");
                }
                if (rate != SAMPLE_RATE) {
                    throw new WavFormatException(
                            file, "sample rate " + rate + " Hz; expected " + SAMPLE_RATE + " Hz");
                }
                haveFmt = true;
            } else if (id.equals("data")) {
                if (!haveFmt) {
                    throw new WavFormatException(file, "'data' chunk before any 'fmt ' chunk");
                }
                if (body + size > b.length) {
                    throw new WavFormatException(
                            file,
                            "truncated: 'data' chunk declares "
                                    + size
                                    + " bytes but only "
                                    + (b.length - body)
                                    + " follow");
                }
                if (size % 2 != 0) {
                    throw new WavFormatException(
                            file,
                            "'data' chunk has an odd byte count " + size + " for 16-bit samples");
                }
                short[] pcm = new short[(int) (size / 2)];
                bb.position(body);
                bb.asShortBuffer().get(pcm);
                return pcm;
            }
            pos =
                    (int)
                            Math.min(
                                    Integer.MAX_VALUE,
                                    body + size + (size & 1)); // chunks are word-aligned
        }
        throw new WavFormatException(
                file, haveFmt ? "truncated: no 'data' chunk" : "truncated: no 'fmt ' chunk");
    }

    private static boolean ascii(byte[] b, int at, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (b[at + i] != (byte) s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Writes 16-bit mono 16 kHz PCM (tests and synthetic data use it). */
    public static void write(Path file, short[] pcm) throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(44 + pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bb.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(36 + pcm.length * 2)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(SAMPLE_RATE)
                .putInt(SAMPLE_RATE * 2)
                .putShort((short) 2)
                .putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII))
                .putInt(pcm.length * 2);
        for (short s : pcm) {
            bb.putShort(s);
        }
        Files.write(file, bb.array());
    }
}
