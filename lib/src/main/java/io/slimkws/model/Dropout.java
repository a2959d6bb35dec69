package io.slimkws.model;

import java.nio.FloatBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout whose masks are a function of (seed, which dropout, element index): element e of
 * mask {@code which} is kept when the top 24 bits of a 32-bit hash of (seed, which, e) fall below p
 * · 2²⁴, and a kept element is scaled by 1/p. Counter-based, so a mask is never stored: the forward
 * pass draws it where it multiplies, and the backward pass needs none, because ReLU's derivative
 * read from the dropped activations is nonzero exactly where an element was kept and positive,
 * where the dropout's derivative is 1/p. The same seed gives the same masks in the vector kernels,
 * in {@link #mask} and on resume.
 *
 * <p>The hash is MurmurHash3's 32-bit finaliser (fmix32) of {@code e · φ ⊕ s}, φ = 0x9E3779B9, s
 * mixing the seed and the mask's number.
 */
public final class Dropout {
    static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Integer> IS =
            FS.withLanes(int.class); // the same shape: a lane of each per element
    private static final int PHI = 0x9E3779B9;

    private Dropout() {}

    /** The per-mask salt of {@code seed}. */
    static int salt(long seed, int which) {
        return (int) (seed ^ (seed >>> 32)) + which * 0x632BE5AB;
    }

    /** p · 2²⁴: an element is kept when its hash's top 24 bits are below this. */
    static int threshold(double keep) {
        if (!(keep > 0 && keep <= 1)) {
            throw new IllegalArgumentException("keep probability must be in (0, 1], got " + keep);
        }
        return (int) Math.round(keep * (1 << 24));
    }

    static int hash(int salt, int index) {
        int h = index * PHI ^ salt;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }

    static boolean kept(int salt, int threshold, int index) {
        return hash(salt, index) >>> 8 < threshold;
    }

    /**
     * The lanes of elements {@code index .. index + lanes - 1} that are kept (the vector form of
     * {@link #kept}).
     */
    static VectorMask<Float> keptLanes(int salt, int threshold, int index) {
        IntVector h =
                IntVector.broadcast(IS, index)
                        .addIndex(1)
                        .mul(PHI)
                        .lanewise(VectorOperators.XOR, salt);
        h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 16)).mul(0x85EBCA6B);
        h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 13)).mul(0xC2B2AE35);
        h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 16));
        return h.lanewise(VectorOperators.LSHR, 8).lt(threshold).cast(FS);
    }

    /**
     * a[from .. from + len) := relu(a) · mask / p in place, the mask's element index of a[from + i]
     * being {@code index0 + i}; {@code keep} = 1 is ReLU alone.
     */
    static void reluDropout(
            float[] a, int from, int len, int index0, long seed, int which, double keep) {
        int end = from + len;
        int i = from;
        FloatVector zero = FloatVector.zero(FS);
        if (keep >= 1) {
            for (; i <= end - FS.length(); i += FS.length()) {
                FloatVector.fromArray(FS, a, i).max(zero).intoArray(a, i);
            }
            for (; i < end; i++) {
                a[i] = Math.max(a[i], 0f);
            }
            return;
        }
        int salt = salt(seed, which);
        int thr = threshold(keep);
        float inv = (float) (1 / keep);
        for (; i <= end - FS.length(); i += FS.length()) {
            VectorMask<Float> k = keptLanes(salt, thr, index0 + i - from);
            FloatVector.fromArray(FS, a, i).max(zero).mul(inv).blend(zero, k.not()).intoArray(a, i);
        }
        for (; i < end; i++) {
            a[i] = kept(salt, thr, index0 + i - from) ? Math.max(a[i], 0f) * inv : 0f;
        }
    }

    /**
     * a := relu(a) · mask {@code which} / p in place on an off-heap float32 array, clip by clip
     * (the first dimension) on every core; element e's mask index is its row-major index.
     */
    static void reluDropout(INDArray a, long seed, int which, double keep) {
        FloatBuffer buf = Conv1Block.floats(a);
        int n = (int) a.size(0);
        int per = (int) (a.length() / n);
        KernelThreads.each(
                n,
                b -> {
                    float[] v = new float[per];
                    buf.duplicate().position(b * per).get(v, 0, per);
                    reluDropout(v, 0, per, b * per, seed, which, keep);
                    buf.duplicate().position(b * per).put(v, 0, per);
                });
    }

    /**
     * The mask {@code which} of {@code seed} as an array of the given shape (1/p kept, 0 dropped);
     * element e at row-major index e.
     */
    public static INDArray mask(long seed, int which, long[] shape, double keep, DataType type) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("mask of " + n + " elements: at most 2^31 - 1");
        }
        int salt = salt(seed, which);
        int thr = threshold(keep);
        double[] m = new double[(int) n];
        for (int e = 0; e < n; e++) {
            m[e] = kept(salt, thr, e) ? 1 / keep : 0;
        }
        return Nd4j.create(m, shape, 'c').castTo(type);
    }
}
