package io.slimkws.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The channel-pruned network with the pruned channels physically removed (Distiller-style), instead
 * of multiplied by zero: conv1 keeps only the filters whose feature maps conv2 still reads, and
 * conv2 has that many input channels. It computes exactly what the masked network computes, with
 * fewer operations.
 */
public final class PrunedNetwork {
    private PrunedNetwork() {}

    public static MultiLayerNetwork of(MultiLayerNetwork dense, ChannelMask mask) {
        int k = mask.keptCount();
        if (k == 0) {
            throw new IllegalArgumentException("every channel is pruned: nothing left to build");
        }
        MultiLayerNetwork p = withKept(k);
        int[] kept = mask.keptIndices();
        var w1 = dense.getLayer(KwsCnn.CONV1).getParam("W"); // [64, 1, 20, 8]
        var b1 = dense.getLayer(KwsCnn.CONV1).getParam("b"); // [1, 64]
        var w2 = dense.getLayer(KwsCnn.CONV2).getParam("W"); // [64, 64, 10, 4]
        var pw1 = p.getLayer(0).getParam("W");
        var pb1 = p.getLayer(0).getParam("b");
        var pw2 = p.getLayer(2).getParam("W");
        for (int i = 0; i < k; i++) {
            int g = kept[i];
            pw1.get(point(i), all(), all(), all()).assign(w1.get(point(g), all(), all(), all()));
            pb1.putScalar(i, b1.getDouble(g));
            pw2.get(all(), point(i), all(), all()).assign(w2.get(all(), point(g), all(), all()));
        }
        p.getLayer(2).getParam("b").assign(dense.getLayer(KwsCnn.CONV2).getParam("b"));
        p.getLayer(3).getParam("W").assign(dense.getLayer(KwsCnn.FC).getParam("W"));
        p.getLayer(3).getParam("b").assign(dense.getLayer(KwsCnn.FC).getParam("b"));
        return p;
    }

    /**
     * An initialised pruned network with {@code k} of conv2's input channels (weights to be
     * assigned).
     */
    public static MultiLayerNetwork withKept(int k) {
        if (k <= 0 || k > KwsCnn.CHANNELS) {
            throw new IllegalArgumentException(
                    "a pruned network keeps 1 to " + KwsCnn.CHANNELS + " channels, got " + k);
        }
        var conf =
                new NeuralNetConfiguration.Builder()
                        .dataType(DataType.FLOAT)
                        .updater(new NoOp())
                        .convolutionMode(ConvolutionMode.Same)
                        .list()
                        .layer(
                                new ConvolutionLayer.Builder(
                                                KwsCnn.ARCH.conv1().kernelTime(),
                                                KwsCnn.ARCH.conv1().kernelFreq())
                                        .nOut(k)
                                        .stride(1, 1)
                                        .activation(Activation.RELU)
                                        .name("conv1")
                                        .build())
                        .layer(
                                new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                                        .kernelSize(KwsCnn.ARCH.pool(), KwsCnn.ARCH.pool())
                                        .stride(KwsCnn.ARCH.pool(), KwsCnn.ARCH.pool())
                                        .name("pool1")
                                        .build())
                        .layer(
                                new ConvolutionLayer.Builder(
                                                KwsCnn.ARCH.conv2().kernelTime(),
                                                KwsCnn.ARCH.conv2().kernelFreq())
                                        .nOut(KwsCnn.CHANNELS)
                                        .stride(1, 1)
                                        .activation(Activation.RELU)
                                        .name("conv2")
                                        .build())
                        .layer(
                                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                        .nOut(KwsCnn.CLASSES)
                                        .activation(Activation.SOFTMAX)
                                        .name("fc")
                                        .build())
                        .setInputType(InputType.convolutional(KwsCnn.FRAMES, KwsCnn.COEFFS, 1))
                        .build();
        MultiLayerNetwork p = new MultiLayerNetwork(conf);
        p.init();
        return p;
    }
}
