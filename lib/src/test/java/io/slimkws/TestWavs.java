package io.slimkws;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * WAV bytes built by hand, field by field, so readers are checked against bytes and not their own
 * writer.
 */
public final class TestWavs {
    private TestWavs() {}

    public static byte[] wav(
            int format, int channels, int rate, int bits, byte[] data, int declaredDataSize) {
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'R', 'I', 'F', 'F'})
                .putInt(36 + data.length)
                .put(new byte[] {'W', 'A', 'V', 'E'});
        b.put(new byte[] {'f', 'm', 't', ' '})
                .putInt(16)
                .putShort((short) format)
                .putShort((short) channels)
                .putInt(rate)
                .putInt(rate * channels * bits / 8)
                .putShort((short) (channels * bits / 8))
                .putShort((short) bits);
        b.put(new byte[] {'d', 'a', 't', 'a'}).putInt(declaredDataSize).put(data);
        return b.array();
    }
}
