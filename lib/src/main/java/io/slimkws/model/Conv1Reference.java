package io.slimkws.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * conv1's weight gradient in any floating type, by ND4J's own ops: the float64 path of {@link
 * KwsStep} that the tests' finite differences run, and so the second implementation that {@link
 * Conv1Block}'s float32 kernel is checked against.
 *
 * <p>dℓ/dW[o, 0, i, j] = Σ over clips b and positions (y, x) of xpad[b, y + i, x + j] · g[b, y, x,
 * o] (TensorFlow's SAME padding, stride 1) is a forward convolution with the batch as the channels:
 * input xpad [1, h + kh - 1, w + kw - 1, n], kernel g [h, w, n, k], VALID, output [1, kh, kw, k].
 */
final class Conv1Reference {
    private Conv1Reference() {}

    /** dℓ/dW as [k, 1, kh, kw] from x [n, 1, h, w] and dℓ/dout [n, h, w, k]. */
    static INDArray weightGradient(INDArray xNchw, INDArray gradOut) {
        int kh = KwsStep.K1H;
        int kw = KwsStep.K1W;
        int top = (kh - 1) / 2;
        int left = (kw - 1) / 2;
        int n = (int) xNchw.size(0);
        int h = (int) xNchw.size(2);
        int w = (int) xNchw.size(3);
        int k = (int) gradOut.size(3);
        INDArray xpad = Nd4j.zeros(xNchw.dataType(), 1, h + kh - 1, w + kw - 1, n);
        xpad.get(point(0), interval(top, top + h), interval(left, left + w), all())
                .assign(xNchw.reshape(n, h, w).permute(1, 2, 0));
        INDArray kernel = gradOut.permute(1, 2, 0, 3).dup('c'); // [h, w, n, k]: HWIO
        INDArray out = Nd4j.create(xNchw.dataType(), 1, kh, kw, k);
        Nd4j.exec(
                DynamicCustomOp.builder("conv2d")
                        .addInputs(xpad, kernel)
                        .addOutputs(out)
                        .addIntegerArguments(h, w, 1, 1, 0, 0, 1, 1, 0, 1, 0)
                        .build());
        return out.reshape(kh, kw, k).permute(2, 0, 1).reshape(k, 1, kh, kw);
    }
}
