package io.slimkws.train;

import io.slimkws.model.ChannelMask;
import io.slimkws.model.KwsCnn;
import io.slimkws.model.KwsParams;
import io.slimkws.model.KwsStep;
import io.slimkws.model.StepProfile;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What an update rule sees: the network (whose parameters are the float weights w, Larq's "latent"
 * weights), live views of conv2's weights and of the flat gradient, and the mask. It also computes
 * the gradient: with a mask, on the physically pruned network (conv1's removed filters and conv2's
 * removed input channels gone), mapped back to the full shape with zeros.
 */
public final class StepState {
    public final MultiLayerNetwork net;
    public final ChannelMask mask;

    /** 0/1 array shaped like conv2's weights, or null when nothing is masked. */
    public final INDArray conv2Mask;

    /**
     * 0/1 array shaped like conv1's weights (the filters conv2 still reads), or null when nothing
     * is masked.
     */
    public final INDArray conv1Mask;

    /** The weight tensors of conv1, conv2 and fc ("W" views into net.params()). */
    public final INDArray[] weights;

    /** ∇ℓ, laid out like net.params() (the optimiser's input). */
    public final INDArray grad;

    private final KwsStep.Params gradViews;
    private final KwsStep step = new KwsStep();
    private StepProfile profile;

    StepState(MultiLayerNetwork net, ChannelMask mask) {
        this.net = net;
        boolean masked = mask != null && mask.keptCount() < mask.channels();
        this.mask = masked ? mask : null;
        INDArray w2 = conv2W();
        INDArray w1 = net.getLayer(KwsCnn.CONV1).getParam("W");
        this.conv2Mask = masked ? mask.weightMask(w2.shape(), w2.dataType()) : null;
        this.conv1Mask = masked ? mask.filterMask(w1.shape(), w1.dataType()) : null;
        this.weights = new INDArray[] {w1, w2, net.getLayer(KwsCnn.FC).getParam("W")};
        this.grad = Nd4j.zeros(net.params().dataType(), net.params().shape());
        this.gradViews = KwsParams.viewsInto(net, grad);
    }

    /** Charges the ops of every following gradient to {@code p} (benchmarks). */
    public void profile(StepProfile p) {
        this.profile = p;
    }

    /**
     * ℓ of the batch at the network's current weights, and ∇ℓ (mean over the batch) into {@link
     * #grad}.
     */
    double computeGradient(INDArray features, INDArray labels, double keepProbability) {
        KwsStep.Params p = KwsParams.of(net);
        if (mask == null) {
            return step.gradient(p, features, labels, keepProbability, gradViews, profile);
        }
        KwsStep.Params g = KwsParams.pruned(gradViews, mask);
        double loss =
                step.gradient(
                        KwsParams.pruned(p, mask), features, labels, keepProbability, g, profile);
        KwsParams.scatter(g, mask, gradViews);
        return loss;
    }

    /** conv2's weights w, a live view [64, 64, 10, 4]. */
    public INDArray conv2W() {
        return net.getLayer(KwsCnn.CONV2).getParam("W");
    }

    /** conv2's part of the gradient, a live view of {@link #grad}. */
    public INDArray conv2Grad() {
        return gradViews.w2();
    }

    /**
     * The mask of layer i's weights: conv1's removed filters and conv2's removed groups count as
     * zero.
     */
    public INDArray maskOf(int weightIndex) {
        return weightIndex == 0 ? conv1Mask : weightIndex == 1 ? conv2Mask : null;
    }
}
