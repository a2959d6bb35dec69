package io.slimkws.model;

import java.nio.FloatBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What follows conv1 in the keyword CNN, forward and backward, in float32 kernels of the JDK's
 * Vector API, clip by clip on every core:
 *
 * <ul>
 *   <li>forward: a = relu(z) · m₁ / p (TensorFlow's first dropout, before the pool; {@link
 *       Dropout}), then the 2 × 2 max-pool d = max over each window of a;
 *   <li>backward, from g = dℓ/dd: the pool sends g to the first maximum of each window; ReLU's and
 *       the dropout's derivatives are 1/p where a &gt; 0 and 0 elsewhere, so dℓ/dz = g/p at that
 *       position when a &gt; 0; then conv1's gradients dℓ/dW[o, 0, i, j] = Σ over clips b and
 *       positions (y, x) of xpad[b, y + i, x + j] · dℓ/dz[b, y, x, o] (TensorFlow's SAME padding)
 *       and dℓ/db[o] = Σ dℓ/dz[b, y, x, o]. Nothing computes conv1's input gradient, which nothing
 *       reads.
 * </ul>
 *
 * <p>Why here and not in oneDNN: fused, dℓ/dz of a clip (1 MB) never leaves the core's cache
 * between the pool's backward and the weight gradient, and the dropout masks are never stored.
 * oneDNN's backward-weights kernel for one input channel, and im2col of the whole batch (250 MB)
 * with one GEMM, each spent more time moving memory than multiplying (docs/throughput.md).
 *
 * <p>The weight gradient is a register-tiled outer product: for a block of 48 channels (three
 * vectors) and 8 taps (i, j), 24 accumulators collect xpad[y + i, x + j] · dℓ/dz[y, x, block] over
 * the clip's 3,920 positions: 24 FMAs for 3 vector loads and 8 broadcasts.
 *
 * <p>Not thread-safe: one instance per {@link KwsStep}.
 */
final class Conv1Block {
    private static final VectorSpecies<Float> FS = Dropout.FS;
    private static final int L = FS.length();
    static final int H = KwsStep.H;
    static final int W = KwsStep.W;
    static final int KH = KwsStep.K1H;
    static final int KW = KwsStep.K1W;

    /** SAME padding as TensorFlow pads an even kernel: (k - 1) / 2 before, the rest after. */
    static final int TOP = (KH - 1) / 2;

    static final int LEFT = (KW - 1) / 2;
    static final int HP = H + KH - 1;
    static final int WP = W + KW - 1;
    static final int TAPS = KH * KW;
    private static final int PLANE = H * W;
    private static final int TILE = 8;

    /** Positions of a row that conv1's forward kernel computes at once (40 = 5 · 8). */
    private static final int ROW_TILE = 8;

    private static final int[] TAP_OFFSET = new int[TAPS];

    static {
        for (int i = 0; i < KH; i++) {
            for (int j = 0; j < KW; j++) {
                TAP_OFFSET[i * KW + j] = i * WP + j;
            }
        }
    }

    /**
     * relu(z) · m₁ / p of each clip of the last forward pass, [position][channel padded to whole
     * vectors].
     */
    private float[][] act = new float[0][];

    /** Each clip of the last forward pass with SAME padding, [HP][WP]: the backward's input too. */
    private float[][] xpad = new float[0][];

    private int k;
    private int n;

    /**
     * A thread's own buffers for one clip: its pooled output on every forward, and its activations
     * and padded input on forwards without a backward.
     */
    private static final class Scratch {
        float[] act = new float[0];
        float[] out = new float[0];
        final float[] xpad =
                new float[HP * WP]; // the padding stays zero: only the interior is written

        Scratch fit(int per, int outPer, boolean inference) {
            if (inference && act.length != per) {
                act = new float[per];
            }
            if (out.length != outPer) {
                out = new float[outPer];
            }
            return this;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Vector lanes per channel row of the backward's scratch: k rounded up to whole vectors. */
    private static int padded(int k) {
        return (k + L - 1) / L * L;
    }

    /** Row-major without gaps (a dimension of size 1 may carry any stride). */
    private static boolean rowMajorDense(INDArray a) {
        long expect = 1;
        for (int d = a.rank() - 1; d >= 0; d--) {
            if (a.size(d) != 1 && a.stride(d) != expect) {
                return false;
            }
            expect *= a.size(d);
        }
        return true;
    }

    /**
     * The float32 array's elements as a buffer over its off-heap memory (no copy), from its first
     * element.
     */
    static FloatBuffer floats(INDArray a) {
        boolean dense = rowMajorDense(a);
        if (a.dataType() != DataType.FLOAT || !dense) {
            throw new IllegalArgumentException(
                    "Conv1Block needs a contiguous c-order float32 array, got "
                            + a.dataType()
                            + " "
                            + a.ordering()
                            + (dense ? "" : " (not contiguous)"));
        }
        FloatBuffer b = a.data().asNioFloat().duplicate();
        b.position((int) a.offset());
        return b.slice();
    }

    /**
     * conv1 on clips x [n, 1, 98, 40] (float32, dense row-major) with weights w1 [k, 1, 20, 8] and
     * bias b1 (k elements), TensorFlow's SAME padding; writes the max-pool of a = relu(z) · m₁ / p
     * into d1 [n, 49, 20, k]. {@code keep} = 1: no dropout. With {@code backward} it keeps a and
     * the padded clips for {@link #backward}; without (inference), each thread reuses one clip's
     * scratch, which stays in its core's cache, and what an earlier forward kept stays as it was.
     */
    void forward(
            INDArray xNchw,
            INDArray w1,
            INDArray b1,
            INDArray d1,
            long seed,
            double keep,
            boolean backward) {
        int n = (int) xNchw.size(0);
        int k = (int) w1.size(0);
        int kp = padded(k);
        int per = PLANE * kp;
        if (backward) {
            this.n = n;
            this.k = k;
            if (act.length < n || act[0].length != per) {
                act = new float[n][per];
            }
            if (xpad.length < n) {
                xpad =
                        new float[n]
                                [HP * WP]; // the padding stays zero: only the interior is written
            }
        }
        // Weights as [tap][channel], channels padded with zeros to whole vectors: a padded
        // channel's activation is relu(0) = 0.
        float[] w = w1.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] wt = new float[TAPS * kp];
        for (int c = 0; c < k; c++) {
            for (int t = 0; t < TAPS; t++) {
                wt[t * kp + c] = w[c * TAPS + t];
            }
        }
        float[] bias = new float[kp];
        System.arraycopy(b1.castTo(DataType.FLOAT).dup('c').data().asFloat(), 0, bias, 0, k);
        FloatBuffer xb = floats(xNchw);
        FloatBuffer db = floats(d1);
        int outPer = (H / 2) * (W / 2) * k;
        int salt = Dropout.salt(seed, 1);
        int thr = keep < 1 ? Dropout.threshold(keep) : 0;
        float inv = (float) (1 / keep);
        KernelThreads.each(
                n,
                b -> {
                    Scratch scratch = SCRATCH.get().fit(per, outPer, !backward);
                    float[] xp = backward ? xpad[b] : scratch.xpad;
                    // The clip's rows straight into the padded interior.
                    FloatBuffer rows = xb.duplicate().position(b * PLANE);
                    for (int y = 0; y < H; y++) {
                        rows.get(xp, (y + TOP) * WP + LEFT, W);
                    }
                    float[] a = backward ? act[b] : scratch.act;
                    FloatVector zero = FloatVector.zero(FS);
                    for (int y = 0; y < H; y++) {
                        for (int x0 = 0; x0 < W; x0 += ROW_TILE) {
                            int c = 0;
                            for (; c + 3 * L <= kp; c += 3 * L) {
                                conv8x3(xp, wt, bias, kp, y, x0, c, a);
                            }
                            for (; c < kp; c += L) {
                                conv8x1(xp, wt, bias, kp, y, x0, c, a);
                            }
                        }
                        // ReLU and the first dropout on the row just computed; mask indices are
                        // NHWC with k channels.
                        for (int x = 0; x < W; x++) {
                            int pos = y * W + x;
                            for (int c = 0; c < kp; c += L) {
                                FloatVector v =
                                        FloatVector.fromArray(FS, a, pos * kp + c).max(zero);
                                if (keep < 1) {
                                    v =
                                            v.mul(inv)
                                                    .blend(
                                                            zero,
                                                            Dropout.keptLanes(
                                                                            salt,
                                                                            thr,
                                                                            (b * PLANE + pos) * k
                                                                                    + c)
                                                                    .not());
                                }
                                v.intoArray(a, pos * kp + c);
                            }
                        }
                    }
                    float[] out = scratch.out;
                    pool(a, out, k, kp);
                    db.duplicate().position(b * outPer).put(out, 0, outPer);
                });
    }

    /**
     * Positions x0 .. x0 + 7 of row y × 3 vectors of channels from c0, over all taps: 24
     * accumulators, written out.
     */
    private static void conv8x3(
            float[] xp, float[] wt, float[] bias, int kp, int y, int x0, int c0, float[] act) {
        int s = y * WP + x0;
        final FloatVector b0 = FloatVector.fromArray(FS, bias, c0);
        final FloatVector b1 = FloatVector.fromArray(FS, bias, c0 + 1 * L);
        final FloatVector b2 = FloatVector.fromArray(FS, bias, c0 + 2 * L);
        FloatVector a00 = b0;
        FloatVector a01 = b1;
        FloatVector a02 = b2;
        FloatVector a10 = b0;
        FloatVector a11 = b1;
        FloatVector a12 = b2;
        FloatVector a20 = b0;
        FloatVector a21 = b1;
        FloatVector a22 = b2;
        FloatVector a30 = b0;
        FloatVector a31 = b1;
        FloatVector a32 = b2;
        FloatVector a40 = b0;
        FloatVector a41 = b1;
        FloatVector a42 = b2;
        FloatVector a50 = b0;
        FloatVector a51 = b1;
        FloatVector a52 = b2;
        FloatVector a60 = b0;
        FloatVector a61 = b1;
        FloatVector a62 = b2;
        FloatVector a70 = b0;
        FloatVector a71 = b1;
        FloatVector a72 = b2;
        for (int t = 0; t < TAPS; t++) {
            final int at = s + TAP_OFFSET[t];
            final int wi = t * kp + c0;
            final FloatVector w0 = FloatVector.fromArray(FS, wt, wi);
            final FloatVector w1 = FloatVector.fromArray(FS, wt, wi + 1 * L);
            final FloatVector w2 = FloatVector.fromArray(FS, wt, wi + 2 * L);
            final FloatVector v0 = FloatVector.broadcast(FS, xp[at + 0]);
            a00 = v0.fma(w0, a00);
            a01 = v0.fma(w1, a01);
            a02 = v0.fma(w2, a02);
            final FloatVector v1 = FloatVector.broadcast(FS, xp[at + 1]);
            a10 = v1.fma(w0, a10);
            a11 = v1.fma(w1, a11);
            a12 = v1.fma(w2, a12);
            final FloatVector v2 = FloatVector.broadcast(FS, xp[at + 2]);
            a20 = v2.fma(w0, a20);
            a21 = v2.fma(w1, a21);
            a22 = v2.fma(w2, a22);
            final FloatVector v3 = FloatVector.broadcast(FS, xp[at + 3]);
            a30 = v3.fma(w0, a30);
            a31 = v3.fma(w1, a31);
            a32 = v3.fma(w2, a32);
            final FloatVector v4 = FloatVector.broadcast(FS, xp[at + 4]);
            a40 = v4.fma(w0, a40);
            a41 = v4.fma(w1, a41);
            a42 = v4.fma(w2, a42);
            final FloatVector v5 = FloatVector.broadcast(FS, xp[at + 5]);
            a50 = v5.fma(w0, a50);
            a51 = v5.fma(w1, a51);
            a52 = v5.fma(w2, a52);
            final FloatVector v6 = FloatVector.broadcast(FS, xp[at + 6]);
            a60 = v6.fma(w0, a60);
            a61 = v6.fma(w1, a61);
            a62 = v6.fma(w2, a62);
            final FloatVector v7 = FloatVector.broadcast(FS, xp[at + 7]);
            a70 = v7.fma(w0, a70);
            a71 = v7.fma(w1, a71);
            a72 = v7.fma(w2, a72);
        }
        int o = (y * W + x0) * kp + c0;
        a00.intoArray(act, o);
        a01.intoArray(act, o + 1 * L);
        a02.intoArray(act, o + 2 * L);
        o += kp;
        a10.intoArray(act, o);
        a11.intoArray(act, o + 1 * L);
        a12.intoArray(act, o + 2 * L);
        o += kp;
        a20.intoArray(act, o);
        a21.intoArray(act, o + 1 * L);
        a22.intoArray(act, o + 2 * L);
        o += kp;
        a30.intoArray(act, o);
        a31.intoArray(act, o + 1 * L);
        a32.intoArray(act, o + 2 * L);
        o += kp;
        a40.intoArray(act, o);
        a41.intoArray(act, o + 1 * L);
        a42.intoArray(act, o + 2 * L);
        o += kp;
        a50.intoArray(act, o);
        a51.intoArray(act, o + 1 * L);
        a52.intoArray(act, o + 2 * L);
        o += kp;
        a60.intoArray(act, o);
        a61.intoArray(act, o + 1 * L);
        a62.intoArray(act, o + 2 * L);
        o += kp;
        a70.intoArray(act, o);
        a71.intoArray(act, o + 1 * L);
        a72.intoArray(act, o + 2 * L);
    }

    /**
     * Positions x0 .. x0 + 7 of row y × 1 vector of channels from c0, over all taps: 8
     * accumulators, written out.
     */
    private static void conv8x1(
            float[] xp, float[] wt, float[] bias, int kp, int y, int x0, int c0, float[] act) {
        int s = y * WP + x0;
        final FloatVector b0 = FloatVector.fromArray(FS, bias, c0);
        FloatVector a00 = b0;
        FloatVector a10 = b0;
        FloatVector a20 = b0;
        FloatVector a30 = b0;
        FloatVector a40 = b0;
        FloatVector a50 = b0;
        FloatVector a60 = b0;
        FloatVector a70 = b0;
        for (int t = 0; t < TAPS; t++) {
            final int at = s + TAP_OFFSET[t];
            final int wi = t * kp + c0;
            final FloatVector w0 = FloatVector.fromArray(FS, wt, wi);
            final FloatVector v0 = FloatVector.broadcast(FS, xp[at + 0]);
            a00 = v0.fma(w0, a00);
            final FloatVector v1 = FloatVector.broadcast(FS, xp[at + 1]);
            a10 = v1.fma(w0, a10);
            final FloatVector v2 = FloatVector.broadcast(FS, xp[at + 2]);
            a20 = v2.fma(w0, a20);
            final FloatVector v3 = FloatVector.broadcast(FS, xp[at + 3]);
            a30 = v3.fma(w0, a30);
            final FloatVector v4 = FloatVector.broadcast(FS, xp[at + 4]);
            a40 = v4.fma(w0, a40);
            final FloatVector v5 = FloatVector.broadcast(FS, xp[at + 5]);
            a50 = v5.fma(w0, a50);
            final FloatVector v6 = FloatVector.broadcast(FS, xp[at + 6]);
            a60 = v6.fma(w0, a60);
            final FloatVector v7 = FloatVector.broadcast(FS, xp[at + 7]);
            a70 = v7.fma(w0, a70);
        }
        int o = (y * W + x0) * kp + c0;
        a00.intoArray(act, o);
        o += kp;
        a10.intoArray(act, o);
        o += kp;
        a20.intoArray(act, o);
        o += kp;
        a30.intoArray(act, o);
        o += kp;
        a40.intoArray(act, o);
        o += kp;
        a50.intoArray(act, o);
        o += kp;
        a60.intoArray(act, o);
        o += kp;
        a70.intoArray(act, o);
    }

    /** out [49 · 20][k] := the 2 × 2 max-pool of a [98 · 40][kp]. */
    private static void pool(float[] a, float[] out, int k, int kp) {
        int w2 = W / 2;
        for (int py = 0; py < H / 2; py++) {
            for (int px = 0; px < w2; px++) {
                int p00 = ((2 * py) * W + 2 * px) * kp;
                int p01 = p00 + kp;
                int p10 = p00 + W * kp;
                int p11 = p10 + kp;
                int o = (py * w2 + px) * k;
                int c = 0;
                for (; c <= k - L; c += L) {
                    FloatVector m =
                            FloatVector.fromArray(FS, a, p00 + c)
                                    .max(FloatVector.fromArray(FS, a, p01 + c))
                                    .max(FloatVector.fromArray(FS, a, p10 + c))
                                    .max(FloatVector.fromArray(FS, a, p11 + c));
                    m.intoArray(out, o + c);
                }
                for (; c < k; c++) {
                    out[o + c] =
                            Math.max(
                                    Math.max(a[p00 + c], a[p01 + c]),
                                    Math.max(a[p10 + c], a[p11 + c]));
                }
            }
        }
    }

    /**
     * From gd1 = dℓ/dd [n, 49, 20, k] of the last {@link #forward}: conv1's weight gradient into
     * gw1 [k, 1, 20, 8] and its bias gradient into gb1 (k elements), for the clips of that forward.
     */
    void backward(INDArray gd1, double keep, INDArray gw1, INDArray gb1) {
        if (gd1.size(0) != n || gd1.size(3) != k) {
            throw new IllegalStateException(
                    "backward of "
                            + gd1.size(0)
                            + " clips and "
                            + gd1.size(3)
                            + " channels after a forward of "
                            + n
                            + " and "
                            + k);
        }
        int kp = padded(k);
        int parts = Math.min(n, KernelThreads.count());
        float[][] accW = new float[parts][TAPS * kp];
        float[][] accB = new float[parts][kp];
        FloatBuffer gb = floats(gd1);
        float scale = (float) (keep < 1 ? 1 / keep : 1);
        KernelThreads.each(
                parts,
                part -> {
                    float[] g = new float[(H / 2) * (W / 2) * k];
                    float[] dz = new float[PLANE * kp];
                    for (int b = part * n / parts; b < (part + 1) * n / parts; b++) {
                        gb.duplicate().position(b * g.length).get(g, 0, g.length);
                        poolBackward(act[b], g, scale, dz, k, kp, accB[part]);
                        weightGradient(xpad[b], dz, kp, accW[part]);
                    }
                });
        float[] w = new float[k * TAPS];
        float[] bias = new float[k];
        for (int part = 0; part < parts; part++) {
            for (int c = 0; c < k; c++) {
                bias[c] += accB[part][c];
                for (int t = 0; t < TAPS; t++) {
                    w[c * TAPS + t] += accW[part][t * kp + c];
                }
            }
        }
        gw1.assign(Nd4j.create(w, new long[] {k, 1, KH, KW}, 'c'));
        gb1.assign(Nd4j.create(bias, gb1.shape(), 'c'));
    }

    /**
     * dℓ/dz [position][kp] of one clip from a (its kept activations) and g = dℓ/dd: each window's
     * first maximum gets g · scale where it is positive, every other position 0; adds Σ dℓ/dz per
     * channel into accB. Channels k..kp stay 0.
     */
    static void poolBackward(
            float[] a, float[] g, float scale, float[] dz, int k, int kp, float[] accB) {
        int w2 = W / 2;
        FloatVector zero = FloatVector.zero(FS);
        for (int py = 0; py < H / 2; py++) {
            for (int px = 0; px < w2; px++) {
                int p00 = ((2 * py) * W + 2 * px);
                int[] pos = {p00, p00 + 1, p00 + W, p00 + W + 1};
                int o = (py * w2 + px) * k;
                int c = 0;
                for (; c <= k - L; c += L) {
                    FloatVector a0 = FloatVector.fromArray(FS, a, pos[0] * kp + c);
                    FloatVector a1 = FloatVector.fromArray(FS, a, pos[1] * kp + c);
                    FloatVector a2 = FloatVector.fromArray(FS, a, pos[2] * kp + c);
                    FloatVector a3 = FloatVector.fromArray(FS, a, pos[3] * kp + c);
                    FloatVector m = a0.max(a1).max(a2).max(a3);
                    FloatVector gv = FloatVector.fromArray(FS, g, o + c).mul(scale);
                    // The first maximum takes the gradient; a non-positive maximum passes none
                    // (ReLU).
                    VectorMask<Float> pos0 = m.compare(VectorOperators.GT, 0);
                    VectorMask<Float> t0 = a0.compare(VectorOperators.EQ, m).and(pos0);
                    VectorMask<Float> t1 = a1.compare(VectorOperators.EQ, m).and(pos0).andNot(t0);
                    VectorMask<Float> taken = t0.or(t1);
                    VectorMask<Float> t2 =
                            a2.compare(VectorOperators.EQ, m).and(pos0).andNot(taken);
                    taken = taken.or(t2);
                    VectorMask<Float> t3 = pos0.andNot(taken);
                    zero.blend(gv, t0).intoArray(dz, pos[0] * kp + c);
                    zero.blend(gv, t1).intoArray(dz, pos[1] * kp + c);
                    zero.blend(gv, t2).intoArray(dz, pos[2] * kp + c);
                    zero.blend(gv, t3).intoArray(dz, pos[3] * kp + c);
                    FloatVector.fromArray(FS, accB, c)
                            .add(gv.blend(zero, pos0.not()))
                            .intoArray(accB, c);
                }
                for (; c < k; c++) {
                    float m =
                            Math.max(
                                    Math.max(a[pos[0] * kp + c], a[pos[1] * kp + c]),
                                    Math.max(a[pos[2] * kp + c], a[pos[3] * kp + c]));
                    float gv = g[o + c] * scale;
                    boolean done = !(m > 0);
                    for (int q = 0; q < 4; q++) {
                        boolean take = !done && a[pos[q] * kp + c] == m;
                        dz[pos[q] * kp + c] = take ? gv : 0f;
                        done |= take;
                    }
                    if (m > 0) {
                        accB[c] += gv;
                    }
                }
                for (int q = 0; q < 4; q++) {
                    for (int cc = k; cc < kp; cc++) {
                        dz[pos[q] * kp + cc] = 0f;
                    }
                }
            }
        }
    }

    /**
     * acc[t][c] += Σ over positions of xpad[y + i, x + j] · dz[y, x, c] for every tap t = (i, j)
     * and channel c &lt; kp: blocks of three vectors of channels while they fit, then two, then
     * one, each over the taps eight at a time. (Measured on one core of the Xeon host: 8 taps × 3
     * vectors about 180-220 GFLOP/s, × 2 about 120-155, × 1 about 110; JDK 17's C2 keeps the
     * vectors in registers only when every accumulator is a local written out and none is passed to
     * a method.)
     */
    static void weightGradient(float[] xpad, float[] dz, int kp, float[] acc) {
        int c = 0;
        for (; c + 3 * L <= kp; c += 3 * L) {
            for (int t = 0; t < TAPS; t += TILE) {
                tile8x3(xpad, dz, kp, c, t, acc);
            }
        }
        for (; c + 2 * L <= kp; c += 2 * L) {
            for (int t = 0; t < TAPS; t += TILE) {
                tile8x2(xpad, dz, kp, c, t, acc);
            }
        }
        for (; c < kp; c += L) {
            for (int t = 0; t < TAPS; t += TILE) {
                tile8x1(xpad, dz, kp, c, t, acc);
            }
        }
    }

    /**
     * 8 taps from t0 × 3 vectors of channels from c0: 24 accumulators, written out so that they
     * stay in registers.
     */
    private static void tile8x3(float[] xp, float[] dz, int kp, int c0, int t0, float[] acc) {
        final int o0 = TAP_OFFSET[t0 + 0];
        final int o1 = TAP_OFFSET[t0 + 1];
        final int o2 = TAP_OFFSET[t0 + 2];
        final int o3 = TAP_OFFSET[t0 + 3];
        final int o4 = TAP_OFFSET[t0 + 4];
        final int o5 = TAP_OFFSET[t0 + 5];
        final int o6 = TAP_OFFSET[t0 + 6];
        final int o7 = TAP_OFFSET[t0 + 7];
        final FloatVector z = FloatVector.zero(FS);
        FloatVector a00 = z;
        FloatVector a01 = z;
        FloatVector a02 = z;
        FloatVector a10 = z;
        FloatVector a11 = z;
        FloatVector a12 = z;
        FloatVector a20 = z;
        FloatVector a21 = z;
        FloatVector a22 = z;
        FloatVector a30 = z;
        FloatVector a31 = z;
        FloatVector a32 = z;
        FloatVector a40 = z;
        FloatVector a41 = z;
        FloatVector a42 = z;
        FloatVector a50 = z;
        FloatVector a51 = z;
        FloatVector a52 = z;
        FloatVector a60 = z;
        FloatVector a61 = z;
        FloatVector a62 = z;
        FloatVector a70 = z;
        FloatVector a71 = z;
        FloatVector a72 = z;
        for (int y = 0; y < H; y++) {
            int s = y * WP;
            int gi = y * W * kp + c0;
            for (int x = 0; x < W; x++, s++, gi += kp) {
                final FloatVector g0 = FloatVector.fromArray(FS, dz, gi);
                final FloatVector g1 = FloatVector.fromArray(FS, dz, gi + 1 * L);
                final FloatVector g2 = FloatVector.fromArray(FS, dz, gi + 2 * L);
                final FloatVector x0 = FloatVector.broadcast(FS, xp[s + o0]);
                a00 = x0.fma(g0, a00);
                a01 = x0.fma(g1, a01);
                a02 = x0.fma(g2, a02);
                final FloatVector x1 = FloatVector.broadcast(FS, xp[s + o1]);
                a10 = x1.fma(g0, a10);
                a11 = x1.fma(g1, a11);
                a12 = x1.fma(g2, a12);
                final FloatVector x2 = FloatVector.broadcast(FS, xp[s + o2]);
                a20 = x2.fma(g0, a20);
                a21 = x2.fma(g1, a21);
                a22 = x2.fma(g2, a22);
                final FloatVector x3 = FloatVector.broadcast(FS, xp[s + o3]);
                a30 = x3.fma(g0, a30);
                a31 = x3.fma(g1, a31);
                a32 = x3.fma(g2, a32);
                final FloatVector x4 = FloatVector.broadcast(FS, xp[s + o4]);
                a40 = x4.fma(g0, a40);
                a41 = x4.fma(g1, a41);
                a42 = x4.fma(g2, a42);
                final FloatVector x5 = FloatVector.broadcast(FS, xp[s + o5]);
                a50 = x5.fma(g0, a50);
                a51 = x5.fma(g1, a51);
                a52 = x5.fma(g2, a52);
                final FloatVector x6 = FloatVector.broadcast(FS, xp[s + o6]);
                a60 = x6.fma(g0, a60);
                a61 = x6.fma(g1, a61);
                a62 = x6.fma(g2, a62);
                final FloatVector x7 = FloatVector.broadcast(FS, xp[s + o7]);
                a70 = x7.fma(g0, a70);
                a71 = x7.fma(g1, a71);
                a72 = x7.fma(g2, a72);
            }
        }
        int at = t0 * kp + c0;
        FloatVector.fromArray(FS, acc, at).add(a00).intoArray(acc, at);
        FloatVector.fromArray(FS, acc, at + 1 * L).add(a01).intoArray(acc, at + 1 * L);
        FloatVector.fromArray(FS, acc, at + 2 * L).add(a02).intoArray(acc, at + 2 * L);
        at += kp;
        FloatVector.fromArray(FS, acc, at).add(a10).intoArray(acc, at);
        FloatVector.fromArray(FS, acc, at + 1 * L).add(a11).intoArray(acc, at + 1 * L);
        FloatVector.fromArray(FS, acc, at + 2 * L).add(a12).intoArray(acc, at + 2 * L);
        at += kp;
        FloatVector.fromArray(FS, acc, at).add(a20).intoArray(acc, at);
        FloatVector.fromArray(FS, acc, at + 1 * L).add(a21).intoArray(acc, at + 1 * L);
        FloatVector.fromArray(FS, acc, at + 2 * L).add(a22).intoArray(acc, at + 2 * L);
        at += kp;
        FloatVector.fromArray(FS, acc, at).add(a30).intoArray(acc, at);
        FloatVector.fromArray(FS, acc, at + 1 * L).add(a31).intoArray(acc, at + 1 * L);
        FloatVector.fromArray(FS, acc, at + 2 * L).add(a32).intoArray(acc, at + 2 * L);
        at += kp;
        FloatVector.fromArray(FS, acc, at).add(a40).intoArray(acc, at);
        FloatVector.fromArray(FS, acc, at + 1 * L).add(a41).intoArray(acc, at + 1 * L);
        FloatVector.fromArray(FS, acc, at + 2 * L).add(a42).intoArray(acc, at + 2 * L);
        at += kp;
        FloatVector.fromArray(FS, acc, at).add(a50).intoArray(acc, at);
        FloatVector.fromArray(FS, acc, at + 1 * L).add(a51).intoArray(acc, at + 1 * L);
        FloatVector.fromArray(FS, acc, at + 2 * L).add(a52).intoArray(acc, at + 2 * L);
        at += kp;
        FloatVector.fromArray(FS, acc, at).add(a60).intoArray(acc, at);
        FloatVector.fromArray(FS, acc, at + 1 * L).add(a61).intoArray(acc, at + 1 * L);
        FloatVector.fromArray(FS, acc, at + 2 * L).add(a62).intoArray(acc, at + 2 * L);
        at += kp;
        FloatVector.fromArray(FS, acc, at).add(a70).intoArray(acc, at);
        FloatVector.fromArray(FS, acc, at + 1 * L).add(a71).intoArray(acc, at + 1 * L);
        FloatVector.fromArray(FS, acc, at + 2 * L).add(a72).intoArray(acc, at + 2 * L);
    }

    /**
     * 8 taps from t0 × 2 vectors of channels from c0: 16 accumulators, written out so that they
     * stay in registers.
     */
    private static void tile8x2(float[] xp, float[] dz, int kp, int c0, int t0, float[] acc) {
        final int o0 = TAP_OFFSET[t0 + 0];
        final int o1 = TAP_OFFSET[t0 + 1];
        final int o2 = TAP_OFFSET[t0 + 2];
        final int o3 = TAP_OFFSET[t0 + 3];
        final int o4 = TAP_OFFSET[t0 + 4];
        final int o5 = TAP_OFFSET[t0 + 5];
        final int o6 = TAP_OFFSET[t0 + 6];
        final int o7 = TAP_OFFSET[t0 + 7];
        final FloatVector z = FloatVector.zero(FS);
        FloatVector a00 = z;
        FloatVector a01 = z;
        FloatVector a10 = z;
        FloatVector a11 = z;
        FloatVector a20 = z;
        FloatVector a21 = z;
        FloatVector a30 = z;
        FloatVector a31 = z;
        FloatVector a40 = z;
        FloatVector a41 = z;
        FloatVector a50 = z;
        FloatVector a51 = z;
        FloatVector a60 = z;
        FloatVector a61 = z;
        FloatVector a70 = z;
        FloatVector a71 = z;
        for (int y = 0; y < H; y++) {
            int s = y * WP;
            int gi = y * W * kp + c0;
            for (int x = 0; x < W; x++, s++, gi += kp) {
                final FloatVector g0 = FloatVector.fromArray(FS, dz, gi);
                final FloatVector g1 = FloatVector.fromArray(FS, dz, gi + 1 * L);
                final FloatVector x0 = FloatVector.broadcast(FS, xp[s + o0]);
                a00 = x0.fma(g0, a00);
                a01 = x0.fma(g1, a01);
                final FloatVector x1 = FloatVector.broadcast(FS, xp[s + o1]);
                a10 = x1.fma(g0, a10);
                a11 = x1.fma(g1, a11);
                final FloatVector x2 = FloatVector.broadcast(FS, xp[s + o2]);
                a20 = x2.fma(g0, a20);
                a21 = x2.fma(g1, a21);
                final FloatVector x3 = FloatVector.broadcast(FS, xp[s + o3]);
                a30 = x3.fma(g0, a30);
                a31 = x3.fma(g1, a31);
                final FloatVector x4 = FloatVector.broadcast(FS, xp[s + o4]);
                a40 = x4.fma(g0, a40);
                a41 = x4.fma(g1, a41);
                final FloatVector x5 = FloatVector.broadcast(FS, xp[s + o5]);
                a50 = x5.fma(g0, a50);
                a51 = x5.fma(g1, a51);
                final FloatVector x6 = FloatVector.broadcast(FS, xp[s + o6]);
                a60 = x6.fma(g0, a60);
                a61 = x6.fma(g1, a61);
                final FloatVector x7 = FloatVector.broadcast(FS, xp[s + o7]);
                a70 = x7.fma(g0, a70);
                a71 = x7.fma(g1, a71);
            }
        }
        int at = t0 * kp + c0;
        FloatVector.fromArray(FS, acc, at).add(a00).intoArray(acc, at);
        FloatVector.fromArray(FS, acc, at + 1 * L).add(a01).intoArray(acc, at + 1 * L);
        at += kp;
        FloatVector.fromArray(FS, acc, at).add(a10).intoArray(acc, at);
        FloatVector.fromArray(FS, acc, at + 1 * L).add(a11).intoArray(acc, at + 1 * L);
        at += kp;
        FloatVector.fromArray(FS, acc, at).add(a20).intoArray(acc, at);
        FloatVector.fromArray(FS, acc, at + 1 * L).add(a21).intoArray(acc, at + 1 * L);
        at += kp;
        FloatVector.fromArray(FS, acc, at).add(a30).intoArray(acc, at);
        FloatVector.fromArray(FS, acc, at + 1 * L).add(a31).intoArray(acc, at + 1 * L);
        at += kp;
        FloatVector.fromArray(FS, acc, at).add(a40).intoArray(acc, at);
        FloatVector.fromArray(FS, acc, at + 1 * L).add(a41).intoArray(acc, at + 1 * L);
        at += kp;
        FloatVector.fromArray(FS, acc, at).add(a50).intoArray(acc, at);
        FloatVector.fromArray(FS, acc, at + 1 * L).add(a51).intoArray(acc, at + 1 * L);
        at += kp;
        FloatVector.fromArray(FS, acc, at).add(a60).intoArray(acc, at);
        FloatVector.fromArray(FS, acc, at + 1 * L).add(a61).intoArray(acc, at + 1 * L);
        at += kp;
        FloatVector.fromArray(FS, acc, at).add(a70).intoArray(acc, at);
        FloatVector.fromArray(FS, acc, at + 1 * L).add(a71).intoArray(acc, at + 1 * L);
    }

    /**
     * 8 taps from t0 × 1 vector of channels from c0: 8 accumulators, written out so that they stay
     * in registers.
     */
    private static void tile8x1(float[] xp, float[] dz, int kp, int c0, int t0, float[] acc) {
        final int o0 = TAP_OFFSET[t0 + 0];
        final int o1 = TAP_OFFSET[t0 + 1];
        final int o2 = TAP_OFFSET[t0 + 2];
        final int o3 = TAP_OFFSET[t0 + 3];
        final int o4 = TAP_OFFSET[t0 + 4];
        final int o5 = TAP_OFFSET[t0 + 5];
        final int o6 = TAP_OFFSET[t0 + 6];
        final int o7 = TAP_OFFSET[t0 + 7];
        final FloatVector z = FloatVector.zero(FS);
        FloatVector a00 = z;
        FloatVector a10 = z;
        FloatVector a20 = z;
        FloatVector a30 = z;
        FloatVector a40 = z;
        FloatVector a50 = z;
        FloatVector a60 = z;
        FloatVector a70 = z;
        for (int y = 0; y < H; y++) {
            int s = y * WP;
            int gi = y * W * kp + c0;
            for (int x = 0; x < W; x++, s++, gi += kp) {
                final FloatVector g0 = FloatVector.fromArray(FS, dz, gi);
                final FloatVector x0 = FloatVector.broadcast(FS, xp[s + o0]);
                a00 = x0.fma(g0, a00);
                final FloatVector x1 = FloatVector.broadcast(FS, xp[s + o1]);
                a10 = x1.fma(g0, a10);
                final FloatVector x2 = FloatVector.broadcast(FS, xp[s + o2]);
                a20 = x2.fma(g0, a20);
                final FloatVector x3 = FloatVector.broadcast(FS, xp[s + o3]);
                a30 = x3.fma(g0, a30);
                final FloatVector x4 = FloatVector.broadcast(FS, xp[s + o4]);
                a40 = x4.fma(g0, a40);
                final FloatVector x5 = FloatVector.broadcast(FS, xp[s + o5]);
                a50 = x5.fma(g0, a50);
                final FloatVector x6 = FloatVector.broadcast(FS, xp[s + o6]);
                a60 = x6.fma(g0, a60);
                final FloatVector x7 = FloatVector.broadcast(FS, xp[s + o7]);
                a70 = x7.fma(g0, a70);
            }
        }
        int at = t0 * kp + c0;
        FloatVector.fromArray(FS, acc, at).add(a00).intoArray(acc, at);
        at += kp;
        FloatVector.fromArray(FS, acc, at).add(a10).intoArray(acc, at);
        at += kp;
        FloatVector.fromArray(FS, acc, at).add(a20).intoArray(acc, at);
        at += kp;
        FloatVector.fromArray(FS, acc, at).add(a30).intoArray(acc, at);
        at += kp;
        FloatVector.fromArray(FS, acc, at).add(a40).intoArray(acc, at);
        at += kp;
        FloatVector.fromArray(FS, acc, at).add(a50).intoArray(acc, at);
        at += kp;
        FloatVector.fromArray(FS, acc, at).add(a60).intoArray(acc, at);
        at += kp;
        FloatVector.fromArray(FS, acc, at).add(a70).intoArray(acc, at);
    }
}
