package io.slimkws.model;

/**
 * The keyword CNN of Fig. 1, described once: the DL4J network ({@link KwsCnn}), the pruned network,
 * the hand-written training step, the model summary, the size table and the drawn diagram all read
 * their shapes from here.
 *
 * <pre>
 * input  frames x coeffs x 1 (time x MFCC)
 * conv1  kernel 20x8, 1 -> 64, SAME, ReLU; max-pool 2x2 / 2
 * conv2  kernel 10x4, 64 -> 64, SAME, ReLU
 * fc     (frames/2)(coeffs/2)·64 -> classes, softmax
 * </pre>
 *
 * Channel pruning removes conv2's input channels (groups) and the conv1 filters that feed only
 * them, so "k kept" changes conv1's outputs and conv2's inputs and nothing else.
 */
public record Architecture(int frames, int coeffs, int classes, Conv conv1, int pool, Conv conv2) {
    /** A convolution: kernel over time x frequency and its output channels. */
    public record Conv(String name, int kernelTime, int kernelFreq, int out) {
        /** "20x8" (time x frequency, as the paper's Fig. 1 means it). */
        public String kernel() {
            return kernelTime + "x" + kernelFreq;
        }

        public int taps() {
            return kernelTime * kernelFreq;
        }
    }

    /** The network of the paper (TensorFlow speech_commands {@code conv}). */
    public static final Architecture KWS =
            new Architecture(
                    98, 40, 12, new Conv("conv1", 20, 8, 64), 2, new Conv("conv2", 10, 4, 64));

    /** Time frames after the pooling (SAME convolutions keep the size). */
    public int pooledFrames() {
        return frames / pool;
    }

    public int pooledCoeffs() {
        return coeffs / pool;
    }

    /** Inputs of the fully connected layer. */
    public int fcInputs() {
        return pooledFrames() * pooledCoeffs() * conv2.out();
    }

    /** Weights of conv1, conv2 and fc with {@code kept} of conv2's input channels left. */
    public long[] weights(int kept) {
        return new long[] {
            (long) conv1.taps() * kept,
            (long) conv2.taps() * kept * conv2.out(),
            (long) fcInputs() * classes
        };
    }

    /** Biases of conv1, conv2 and fc with {@code kept} channels left. */
    public long[] biases(int kept) {
        return new long[] {kept, conv2.out(), classes};
    }

    /** All parameters with {@code kept} channels left. */
    public long parameters(int kept) {
        long p = 0;
        for (int i = 0; i < 3; i++) {
            p += weights(kept)[i] + biases(kept)[i];
        }
        return p;
    }

    /**
     * Multiply-accumulates per clip of conv1, conv2 and fc with {@code kept} channels left (SAME:
     * every position is computed).
     */
    public long[] macs(int kept) {
        return new long[] {
            (long) frames * coeffs * kept * conv1.taps(),
            (long) pooledFrames() * pooledCoeffs() * conv2.out() * conv2.taps() * kept,
            (long) fcInputs() * classes
        };
    }
}
