package io.slimkws.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.indices;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The keyword CNN's parameters as {@link KwsStep.Params}: live views into a {@link
 * MultiLayerNetwork} (or into a flat array laid out like its {@code params()}, such as a gradient),
 * and the physically pruned parameters of a {@link ChannelMask} (conv1's kept filters, conv2's kept
 * input channels) with the way back to the full shape.
 */
public final class KwsParams {
    private static final String[] KEYS = {
        KwsCnn.CONV1 + "_W",
        KwsCnn.CONV1 + "_b",
        KwsCnn.CONV2 + "_W",
        KwsCnn.CONV2 + "_b",
        KwsCnn.FC + "_W",
        KwsCnn.FC + "_b"
    };

    private KwsParams() {}

    /** Views of the network's parameters. */
    public static KwsStep.Params of(MultiLayerNetwork net) {
        INDArray[] v = new INDArray[KEYS.length];
        for (int i = 0; i < KEYS.length; i++) {
            v[i] = net.getParam(KEYS[i]);
        }
        return new KwsStep.Params(v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    /**
     * Views into {@code flat} (same length and layout as {@code net.params()}) shaped like the
     * network's parameters.
     */
    public static KwsStep.Params viewsInto(MultiLayerNetwork net, INDArray flat) {
        INDArray params = net.params();
        if (flat.length() != params.length()) {
            throw new IllegalArgumentException(
                    "flat array has "
                            + flat.length()
                            + " elements, the network "
                            + params.length());
        }
        INDArray[] v = new INDArray[KEYS.length];
        for (int i = 0; i < KEYS.length; i++) {
            INDArray p = net.getParam(KEYS[i]);
            long off = p.offset() - params.offset();
            v[i] =
                    flat.reshape(flat.length())
                            .get(interval(off, off + p.length()))
                            .reshape(p.ordering(), p.shape());
        }
        return new KwsStep.Params(v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    /**
     * The physically pruned parameters (copies): conv1's kept filters and conv2's kept input
     * channels.
     */
    public static KwsStep.Params pruned(KwsStep.Params full, ChannelMask mask) {
        if (mask == null || mask.keptCount() == mask.channels()) {
            return full;
        }
        long[] kept = Arrays.stream(mask.keptIndices()).asLongStream().toArray();
        if (kept.length == 0) {
            throw new IllegalArgumentException("every channel is pruned: nothing left to compute");
        }
        return new KwsStep.Params(
                full.w1().get(indices(kept), all(), all(), all()).dup('c'),
                full.b1()
                        .reshape(full.b1().length())
                        .get(indices(kept))
                        .dup()
                        .reshape(1, kept.length),
                full.w2().get(all(), indices(kept), all(), all()).dup('c'),
                full.b2(),
                full.wf(),
                full.bf());
    }

    /**
     * Writes a pruned network's gradient into the full-shape gradient: zero on the removed
     * channels.
     */
    public static void scatter(
            KwsStep.Params prunedGrad, ChannelMask mask, KwsStep.Params fullGrad) {
        if (prunedGrad == fullGrad) {
            return;
        }
        int[] kept = mask.keptIndices();
        fullGrad.w1().assign(0);
        fullGrad.b1().assign(0);
        fullGrad.w2().assign(0);
        INDArray b1 = fullGrad.b1().reshape(fullGrad.b1().length());
        for (int i = 0; i < kept.length; i++) {
            int g = kept[i];
            fullGrad.w1()
                    .get(NDArrayIndex.point(g), all(), all(), all())
                    .assign(prunedGrad.w1().get(NDArrayIndex.point(i), all(), all(), all()));
            b1.putScalar(g, prunedGrad.b1().getDouble(i));
            fullGrad.w2()
                    .get(all(), NDArrayIndex.point(g), all(), all())
                    .assign(prunedGrad.w2().get(all(), NDArrayIndex.point(i), all(), all()));
        }
    }

    /** The channels conv2 still reads: groups whose weights are not all exactly zero. */
    public static ChannelMask liveChannels(KwsStep.Params p) {
        return ChannelMask.fromWeights(p.w2(), 0.0);
    }
}
