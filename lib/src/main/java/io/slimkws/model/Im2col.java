package io.slimkws.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The weight gradient of a one-channel convolution (TensorFlow's SAME padding, stride 1),
 * dℓ/dW[o, 0, i, j] = Σ over clips b and positions (y, x) of xpad[b, y + i, x + j] · g[b, y, x, o],
 * computed as a oneDNN <em>forward</em> convolution with the batch as the channels: input xpad
 * [1, h + kh - 1, w + kw - 1, n], kernel g [h, w, n, k], VALID, output [1, kh, kw, k].
 *
 * <p>Measured per batch of 100 on the AVX-512 host (see the throughput benchmark's profile):
 * oneDNN's conv2d_bp 620-730 ms (it also computes the input gradient nobody reads), ND4J's im2col
 * op 234 ms plus an 80 ms GEMM (and a different patch order), im2col in Java 205 + 78 ms, chunked
 * im2col + GEMM 363 ms, this 200 ms.
 */
final class Im2col {
    private final int kh;
    private final int kw;
    /** SAME padding: rows above and columns left of the input, as TF pads an even kernel. */
    private final int top;
    private final int left;

    Im2col(int kh, int kw) {
        this.kh = kh;
        this.kw = kw;
        this.top = (kh - 1) / 2;
        this.left = (kw - 1) / 2;
    }

    /** Which of the two ways: "im2col" (default: Java im2col + one batched GEMM) or "conv"; within noise of each other here (101-107 samples/s a step both). */
    static final String METHOD = System.getProperty("slimkws.conv1grad", "im2col");
    private float[][] rows = new float[0][];

    /** dℓ/dW as [k, 1, kh, kw] from x [n, 1, h, w] and dℓ/dout [n, h, w, k] (created in the current workspace). */
    INDArray weightGradient(INDArray xNchw, INDArray gradOut) {
        boolean f32 = xNchw.dataType() == DataType.FLOAT;
        return METHOD.equals("im2col") && f32 ? viaIm2col(xNchw, gradOut) : viaConv(xNchw, gradOut);
    }

    INDArray viaIm2col(INDArray xNchw, INDArray gradOut) {
        int n = (int) xNchw.size(0);
        int h = (int) xNchw.size(2);
        int w = (int) xNchw.size(3);
        int k = (int) gradOut.size(3);
        int plane = h * w;
        int per = kh * kw * plane;
        float[] x = xNchw.dup('c').data().asFloat();
        if (rows.length < n || rows[0].length != per) {
            rows = new float[n][per];
        }
        float[][] buf = rows;
        java.util.stream.IntStream.range(0, n).parallel().forEach(b -> {
            float[] c = buf[b];
            int src = b * plane;
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int base = (i * kw + j) * plane;
                    int dx = j - left;
                    int x0 = Math.max(0, -dx);
                    int x1 = Math.min(w, w - dx);
                    for (int y = 0; y < h; y++) {
                        int sy = y + i - top;
                        int at = base + y * w;
                        if (sy < 0 || sy >= h) {
                            java.util.Arrays.fill(c, at, at + w, 0f);
                            continue;
                        }
                        java.util.Arrays.fill(c, at, at + x0, 0f);
                        System.arraycopy(x, src + sy * w + x0 + dx, c, at + x0, x1 - x0);
                        java.util.Arrays.fill(c, at + x1, at + w, 0f);
                    }
                }
            }
        });
        INDArray cols = Nd4j.createUninitialized(DataType.FLOAT, n, kh * kw, plane);
        org.bytedeco.javacpp.FloatPointer dst = (org.bytedeco.javacpp.FloatPointer) cols.data().addressPointer();
        long at = dst.position();
        for (int b = 0; b < n; b++) {
            dst.position(at + (long) b * per).put(buf[b], 0, per);
        }
        dst.position(at);
        INDArray out = Nd4j.create(DataType.FLOAT, n, kh * kw, k);
        Nd4j.exec(DynamicCustomOp.builder("matmul").addInputs(cols, gradOut.reshape('c', n, plane, k)).addOutputs(out).build());
        return out.sum(0).transpose().reshape(k, 1, kh, kw);
    }

    INDArray viaConv(INDArray xNchw, INDArray gradOut) {
        int n = (int) xNchw.size(0);
        int h = (int) xNchw.size(2);
        int w = (int) xNchw.size(3);
        int k = (int) gradOut.size(3);
        INDArray xpad = Nd4j.zeros(xNchw.dataType(), 1, h + kh - 1, w + kw - 1, n);
        xpad.get(point(0), interval(top, top + h), interval(left, left + w), all()).assign(xNchw.reshape(n, h, w).permute(1, 2, 0));
        INDArray kernel = gradOut.permute(1, 2, 0, 3).dup('c'); // [h, w, n, k]: HWIO
        INDArray out = Nd4j.create(xNchw.dataType(), 1, kh, kw, k);
        Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(xpad, kernel).addOutputs(out)
                .addIntegerArguments(h, w, 1, 1, 0, 0, 1, 1, 0, 1, 0).build());
        return out.reshape(kh, kw, k).permute(2, 0, 1).reshape(k, 1, kh, kw);
    }
}
