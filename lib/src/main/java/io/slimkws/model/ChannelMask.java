package io.slimkws.model;

import io.slimkws.prox.Groups;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Which of conv2's 64 input channels are kept: the masking layer of Fig. 5. Masking input channel g
 * of conv2 is the same as zeroing every conv2 weight that reads it (group g), which is how it is
 * applied; conv1's filter g then feeds nothing and can be removed physically.
 */
public final class ChannelMask {
    private final boolean[] keep;

    public ChannelMask(boolean[] keep) {
        this.keep = keep.clone();
    }

    public static ChannelMask all(int channels) {
        boolean[] k = new boolean[channels];
        Arrays.fill(k, true);
        return new ChannelMask(k);
    }

    /** Keep the groups of {@code w} [out, in, kh, kw] whose norm is above {@code tolerance}. */
    public static ChannelMask fromWeights(INDArray w, double tolerance) {
        double[] n = Groups.norms(w);
        boolean[] k = new boolean[n.length];
        for (int g = 0; g < n.length; g++) {
            k[g] = n[g] > tolerance;
        }
        return new ChannelMask(k);
    }

    public int channels() {
        return keep.length;
    }

    public boolean kept(int g) {
        return keep[g];
    }

    public int keptCount() {
        int n = 0;
        for (boolean b : keep) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    /** Share of channels pruned, the paper's "channel sparsity". */
    public double sparsity() {
        return 1.0 - (double) keptCount() / keep.length;
    }

    public int[] keptIndices() {
        return IntStream.range(0, keep.length).filter(g -> keep[g]).toArray();
    }

    /** A 0/1 array shaped like the conv2 weights [out, in, kh, kw]. */
    public INDArray weightMask(long[] shape, DataType type) {
        INDArray m = Nd4j.zeros(type, shape);
        for (int g = 0; g < keep.length; g++) {
            if (keep[g]) {
                m.get(
                                NDArrayIndex.all(),
                                NDArrayIndex.point(g),
                                NDArrayIndex.all(),
                                NDArrayIndex.all())
                        .assign(1);
            }
        }
        return m;
    }

    /**
     * A 0/1 array shaped like the conv1 weights [filters, 1, kh, kw]: filter g is kept iff conv2
     * reads channel g.
     */
    public INDArray filterMask(long[] shape, DataType type) {
        INDArray m = Nd4j.zeros(type, shape);
        for (int g = 0; g < keep.length; g++) {
            if (keep[g]) {
                m.get(
                                NDArrayIndex.point(g),
                                NDArrayIndex.all(),
                                NDArrayIndex.all(),
                                NDArrayIndex.all())
                        .assign(1);
            }
        }
        return m;
    }

    /** Zeroes the masked groups of {@code w} in place. */
    public void apply(INDArray w) {
        for (int g = 0; g < keep.length; g++) {
            if (!keep[g]) {
                w.get(
                                NDArrayIndex.all(),
                                NDArrayIndex.point(g),
                                NDArrayIndex.all(),
                                NDArrayIndex.all())
                        .assign(0);
            }
        }
    }

    /** "1101..." (1 = kept), for logs and provenance. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (boolean k : keep) {
            b.append(k ? '1' : '0');
        }
        return b.toString();
    }

    public static ChannelMask parse(String s) {
        boolean[] k = new boolean[s.length()];
        for (int i = 0; i < k.length; i++) {
            char c = s.charAt(i);
            if (c != '0' && c != '1') {
                throw new IllegalArgumentException(
                        "channel mask must be 0s and 1s, got '" + s + "'");
            }
            k[i] = c == '1';
        }
        return new ChannelMask(k);
    }
}
