package io.slimkws.model;

import java.nio.FloatBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fully connected layer's backward pass and conv2's ReLU and dropout backward in one float32
 * pass over conv2's activations (the JDK's Vector API), for the 12 classes of the keyword CNN:
 *
 * <pre>
 *   gr2[i, j]  = (a[i, j] &gt; 0) · s · Σ_c gl[i, c] · wfT[c, j]     (ReLU's and dropout's backward)
 *   gwfT[c, j] = Σ_i a[i, j] · gl[i, c]                              (the fc weight gradient)
 * </pre>
 *
 * with a = conv2's activations after ReLU and dropout ([n, f], NHWC rows), gl = dℓ/dlogits, s the
 * dropout's 1/p and wfT the fc weights ([f, 12], NHWC rows) transposed. Two GEMMs and ReLU's
 * backward read and write the 25 MB of a batch's activations three times; this pass reads a once
 * and writes gr2 once. The columns j are cut into chunks that a core keeps in its cache with their
 * 12 rows of wfT and gwfT, every sample streaming through; chunks go to every core and own their
 * columns, so no two threads write one number.
 */
final class FcBackward {
    /** The classes: 12 accumulators, written out as locals (C2 in JDK 17 boxes vector arrays). */
    static final int CLASSES = 12;

    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;

    /**
     * Columns per chunk: its 12 rows of wfT and of gwfT (2 × 12 KB) stay in a core's L1, where gwfT
     * is read and written once a clip (1,024 columns, in L2, ran the pass 2.6x slower).
     */
    private static final int CHUNK = 256;

    private FcBackward() {}

    /**
     * Writes gr2 ([n, f], off-heap) and gwf ([f, 12], off-heap, overwritten) from a ([n, f],
     * off-heap), gl ([n, 12] row-major), the dropout's 1/p and wf ([f, 12], off-heap), every array
     * row-major.
     */
    static void backward(
            FloatBuffer a,
            float[] gl,
            float scale,
            FloatBuffer wf,
            FloatBuffer gr2,
            FloatBuffer gwf,
            int n,
            int f) {
        if (gl.length != n * CLASSES
                || wf.limit() < CLASSES * f
                || gwf.limit() < CLASSES * f
                || a.limit() < n * f
                || gr2.limit() < n * f) {
            throw new IllegalArgumentException(
                    "FcBackward needs a, gr2 ["
                            + n
                            + ", "
                            + f
                            + "], gl ["
                            + n
                            + ", 12] and wf, gwf ["
                            + f
                            + ", 12]");
        }
        Pass pass = new Pass(a, gl, scale, wf, gr2, gwf, n, f);
        int chunks = (f + CHUNK - 1) / CHUNK;
        KernelThreads.each(chunks, ch -> chunk(pass, ch * CHUNK));
    }

    /** One call's arrays and shape, as {@link #backward} names them. */
    private record Pass(
            FloatBuffer a,
            float[] gl,
            float scale,
            FloatBuffer wf,
            FloatBuffer gr2,
            FloatBuffer gwf,
            int n,
            int f) {}

    /** The columns j0 .. j0 + CHUNK of one pass. */
    private static void chunk(Pass pass, int j0) {
        FloatBuffer a = pass.a(), wf = pass.wf(), gr2 = pass.gr2(), gwf = pass.gwf();
        float[] gl = pass.gl();
        float scale = pass.scale();
        int n = pass.n(), f = pass.f();
        int len = Math.min(CHUNK, f - j0);
        int vecEnd = len - len % FS.length();
        float[] x = new float[len];
        float[] g = new float[len];
        // This chunk's rows of wf, transposed here in the cache: wfT[c * len + j].
        float[] rows = new float[len * CLASSES];
        wf.get(j0 * CLASSES, rows, 0, rows.length);
        float[] wfT = new float[CLASSES * len];
        float[] gwfT = new float[CLASSES * len];
        for (int j = 0; j < len; j++) {
            for (int c = 0; c < CLASSES; c++) {
                wfT[c * len + j] = rows[j * CLASSES + c];
            }
        }
        FloatVector zero = FloatVector.zero(FS);
        for (int i = 0; i < n; i++) {
            a.get(i * f + j0, x, 0, len);
            int r = i * CLASSES;
            float l0 = gl[r], l1 = gl[r + 1], l2 = gl[r + 2], l3 = gl[r + 3];
            float l4 = gl[r + 4], l5 = gl[r + 5], l6 = gl[r + 6], l7 = gl[r + 7];
            float l8 = gl[r + 8], l9 = gl[r + 9], l10 = gl[r + 10], l11 = gl[r + 11];
            int o0 = 0, o1 = len, o2 = 2 * len, o3 = 3 * len;
            int o4 = 4 * len, o5 = 5 * len, o6 = 6 * len, o7 = 7 * len;
            int o8 = 8 * len, o9 = 9 * len, o10 = 10 * len, o11 = 11 * len;
            FloatVector b0 = FloatVector.broadcast(FS, l0), b1 = FloatVector.broadcast(FS, l1);
            FloatVector b2 = FloatVector.broadcast(FS, l2), b3 = FloatVector.broadcast(FS, l3);
            FloatVector b4 = FloatVector.broadcast(FS, l4), b5 = FloatVector.broadcast(FS, l5);
            FloatVector b6 = FloatVector.broadcast(FS, l6), b7 = FloatVector.broadcast(FS, l7);
            FloatVector b8 = FloatVector.broadcast(FS, l8), b9 = FloatVector.broadcast(FS, l9);
            FloatVector b10 = FloatVector.broadcast(FS, l10);
            FloatVector b11 = FloatVector.broadcast(FS, l11);
            int v = 0;
            for (; v < vecEnd; v += FS.length()) {
                FloatVector xv = FloatVector.fromArray(FS, x, v);
                // gr2: the 12 classes' weights at these columns, weighted by this clip's gl.
                FloatVector s = FloatVector.fromArray(FS, wfT, o0 + v).mul(b0);
                s = FloatVector.fromArray(FS, wfT, o1 + v).fma(b1, s);
                s = FloatVector.fromArray(FS, wfT, o2 + v).fma(b2, s);
                s = FloatVector.fromArray(FS, wfT, o3 + v).fma(b3, s);
                s = FloatVector.fromArray(FS, wfT, o4 + v).fma(b4, s);
                s = FloatVector.fromArray(FS, wfT, o5 + v).fma(b5, s);
                s = FloatVector.fromArray(FS, wfT, o6 + v).fma(b6, s);
                s = FloatVector.fromArray(FS, wfT, o7 + v).fma(b7, s);
                s = FloatVector.fromArray(FS, wfT, o8 + v).fma(b8, s);
                s = FloatVector.fromArray(FS, wfT, o9 + v).fma(b9, s);
                s = FloatVector.fromArray(FS, wfT, o10 + v).fma(b10, s);
                s = FloatVector.fromArray(FS, wfT, o11 + v).fma(b11, s);
                s.mul(scale).blend(zero, xv.compare(VectorOperators.LE, 0f)).intoArray(g, v);
                // gwfT += x · gl, class by class.
                xv.fma(b0, FloatVector.fromArray(FS, gwfT, o0 + v)).intoArray(gwfT, o0 + v);
                xv.fma(b1, FloatVector.fromArray(FS, gwfT, o1 + v)).intoArray(gwfT, o1 + v);
                xv.fma(b2, FloatVector.fromArray(FS, gwfT, o2 + v)).intoArray(gwfT, o2 + v);
                xv.fma(b3, FloatVector.fromArray(FS, gwfT, o3 + v)).intoArray(gwfT, o3 + v);
                xv.fma(b4, FloatVector.fromArray(FS, gwfT, o4 + v)).intoArray(gwfT, o4 + v);
                xv.fma(b5, FloatVector.fromArray(FS, gwfT, o5 + v)).intoArray(gwfT, o5 + v);
                xv.fma(b6, FloatVector.fromArray(FS, gwfT, o6 + v)).intoArray(gwfT, o6 + v);
                xv.fma(b7, FloatVector.fromArray(FS, gwfT, o7 + v)).intoArray(gwfT, o7 + v);
                xv.fma(b8, FloatVector.fromArray(FS, gwfT, o8 + v)).intoArray(gwfT, o8 + v);
                xv.fma(b9, FloatVector.fromArray(FS, gwfT, o9 + v)).intoArray(gwfT, o9 + v);
                xv.fma(b10, FloatVector.fromArray(FS, gwfT, o10 + v)).intoArray(gwfT, o10 + v);
                xv.fma(b11, FloatVector.fromArray(FS, gwfT, o11 + v)).intoArray(gwfT, o11 + v);
            }
            for (; v < len; v++) {
                float xs = x[v];
                float s = 0f;
                for (int c = 0; c < CLASSES; c++) {
                    s = Math.fma(wfT[c * len + v], gl[r + c], s);
                    gwfT[c * len + v] = Math.fma(xs, gl[r + c], gwfT[c * len + v]);
                }
                g[v] = xs > 0 ? s * scale : 0f;
            }
            gr2.put(i * f + j0, g, 0, len);
        }
        for (int j = 0; j < len; j++) {
            for (int c = 0; c < CLASSES; c++) {
                rows[j * CLASSES + c] = gwfT[c * len + j];
            }
        }
        gwf.put(j0 * CLASSES, rows, 0, rows.length);
    }
}
