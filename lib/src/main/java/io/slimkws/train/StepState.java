package io.slimkws.train;

import io.slimkws.model.ChannelMask;
import io.slimkws.model.KwsCnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What an update rule sees: the network (whose parameters are the float weights w, Larq's
 * "latent" weights), live views of conv2's weights and of the flat gradient, and the mask.
 */
public final class StepState {
    public final MultiLayerNetwork net;
    public final ChannelMask mask;
    /** 0/1 array shaped like conv2's weights, or null when nothing is masked. */
    public final INDArray conv2Mask;
    /** The weight tensors of conv1, conv2 and fc ("W" views into net.params()). */
    public final INDArray[] weights;

    StepState(MultiLayerNetwork net, ChannelMask mask) {
        this.net = net;
        this.mask = mask;
        INDArray w2 = conv2W();
        this.conv2Mask = mask == null || mask.keptCount() == mask.channels() ? null : mask.weightMask(w2.shape(), w2.dataType());
        this.weights = new INDArray[] {net.getLayer(KwsCnn.CONV1).getParam("W"), w2, net.getLayer(KwsCnn.FC).getParam("W")};
    }

    /** conv2's weights w, a live view [64, 64, 10, 4]. */
    public INDArray conv2W() {
        return net.getLayer(KwsCnn.CONV2).getParam("W");
    }

    /** conv2's part of the gradient just computed, a live view. */
    public INDArray conv2Grad() {
        return net.gradient().getGradientFor(KwsCnn.CONV2 + "_W");
    }

    /** The mask of layer i's weights (only conv2 is ever masked). */
    public INDArray maskOf(int weightIndex) {
        return weightIndex == 1 ? conv2Mask : null;
    }
}
