package io.slimkws.model;

import io.slimkws.env.Nd4jSetup;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.TruncatedNormalDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The keyword CNN of the paper (Fig. 1): TensorFlow speech_commands {@code conv}, after Sainath and
 * Parada's cnn-trad-fpool3.
 *
 * <pre>
 * input 98 x 40 x 1 (time x MFCC)
 * conv1 20x8, 1 -> 64, SAME, ReLU, dropout 0.5, max-pool 2x2/2   -> 49 x 20 x 64
 * conv2 10x4, 64 -> 64, SAME, ReLU, dropout 0.5                   -> 49 x 20 x 64
 * fully connected 62,720 -> 12, softmax cross-entropy
 * </pre>
 *
 * The DL4J network built here holds the parameters and runs inference; it has no dropout. DL4J can
 * only drop a layer's <em>input</em>, which would put TensorFlow's first dropout after the max-pool
 * instead of before it; training draws its dropout masks in {@link KwsStep}, where TensorFlow has
 * them.
 */
public final class KwsCnn {
    public static final Architecture ARCH = Architecture.KWS;
    public static final int FRAMES = ARCH.frames();
    public static final int COEFFS = ARCH.coeffs();
    public static final int CLASSES = ARCH.classes();
    public static final int CHANNELS = ARCH.conv2().out();

    /** Layer indices inside the {@link MultiLayerNetwork}. */
    public static final int CONV1 = 0;

    public static final int POOL1 = 1;
    public static final int CONV2 = 2;
    public static final int FC = 3;

    /** TensorFlow's recipe: every weight from a truncated normal with standard deviation 0.01. */
    public static final double INIT_STD = 0.01;

    /**
     * Dropout of the recipe as the probability of keeping a unit (0.5 either way), for {@link
     * KwsStep}.
     */
    public static final double KEEP_PROBABILITY = 0.5;

    private KwsCnn() {}

    /** Configuration with the given updater and seed (no dropout: see the class comment). */
    public static MultiLayerConfiguration config(IUpdater updater, long seed) {
        Nd4jSetup.init();
        var init = new WeightInitDistribution(new TruncatedNormalDistribution(0.0, INIT_STD));
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(updater)
                .weightInit(init)
                .biasInit(0.0)
                .convolutionMode(ConvolutionMode.Same)
                .list()
                .layer(
                        CONV1,
                        new ConvolutionLayer.Builder(
                                        ARCH.conv1().kernelTime(), ARCH.conv1().kernelFreq())
                                .nOut(ARCH.conv1().out())
                                .stride(1, 1)
                                .activation(Activation.RELU)
                                .name("conv1")
                                .build())
                .layer(
                        POOL1,
                        new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                                .kernelSize(ARCH.pool(), ARCH.pool())
                                .stride(ARCH.pool(), ARCH.pool())
                                .name("pool1")
                                .build())
                .layer(
                        CONV2,
                        new ConvolutionLayer.Builder(
                                        ARCH.conv2().kernelTime(), ARCH.conv2().kernelFreq())
                                .nOut(ARCH.conv2().out())
                                .stride(1, 1)
                                .activation(Activation.RELU)
                                .name("conv2")
                                .build())
                .layer(
                        FC,
                        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                .nOut(CLASSES)
                                .activation(Activation.SOFTMAX)
                                .name("fc")
                                .build())
                .setInputType(InputType.convolutional(FRAMES, COEFFS, 1))
                .build();
    }

    /** The recipe's network, initialised (plain SGD at 0.001 as its nominal updater). */
    public static MultiLayerNetwork build(long seed) {
        return build(new Sgd(0.001), seed);
    }

    public static MultiLayerNetwork build(IUpdater updater, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(config(updater, seed));
        net.init();
        return net;
    }
}
