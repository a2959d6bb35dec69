package io.slimkws.train;

import io.slimkws.data.FeatureSet;
import io.slimkws.model.ChannelMask;
import io.slimkws.model.KwsParams;
import io.slimkws.model.KwsStep;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Accuracy and loss of a network on a feature set, dropout off, computed by {@link KwsStep} on the
 * physically pruned network: channels whose conv2 weights are all exactly zero are removed first
 * (exact: conv2 reads nothing from them), so a pruned model is evaluated at its pruned cost.
 */
public final class Evaluation {
    private static final ThreadLocal<KwsStep> STEP = ThreadLocal.withInitial(KwsStep::new);
    private static final int BATCH = 200;

    private Evaluation() {}

    static KwsStep.Params live(MultiLayerNetwork net) {
        KwsStep.Params p = KwsParams.of(net);
        ChannelMask m = KwsParams.liveChannels(p);
        return m.keptCount() == 0 ? p : KwsParams.pruned(p, m);
    }

    /** Top-1 accuracy in percent. */
    public static double accuracy(MultiLayerNetwork net, FeatureSet fs) {
        if (fs.size() == 0) {
            return Double.NaN;
        }
        boolean[] c = correct(net, fs);
        int n = 0;
        for (boolean x : c) {
            n += x ? 1 : 0;
        }
        return 100.0 * n / c.length;
    }

    /**
     * Whether each clip of {@code fs}, in order, is classified right (top-1): what a paired
     * comparison of two networks on the same clips needs.
     */
    public static boolean[] correct(MultiLayerNetwork net, FeatureSet fs) {
        KwsStep.Params p = live(net);
        boolean[] right = new boolean[fs.size()];
        int seen = 0;
        var it = fs.batches(BATCH);
        while (it.hasNext()) {
            DataSet d = it.next();
            int[] pred = STEP.get().predict(p, d.getFeatures());
            INDArray truth = d.getLabels().argMax(1);
            for (int i = 0; i < pred.length; i++) {
                right[seen + i] = pred[i] == truth.getInt(i);
            }
            seen += pred.length;
        }
        return right;
    }

    /** Each clip's top-1 correctness on a set, and the mean cross-entropy on some of its clips. */
    record Scores(boolean[] correct, double loss) {}

    /**
     * {@link #correct} on {@code fs} and {@link #loss} on its clips {@code lossRows} (increasing),
     * from one forward pass: the loss is read from the logits the accuracy already computed.
     */
    static Scores scores(MultiLayerNetwork net, FeatureSet fs, int[] lossRows) {
        KwsStep.Params p = live(net);
        boolean[] right = new boolean[fs.size()];
        List<INDArray> picked = new ArrayList<>();
        int seen = 0;
        int next = 0;
        var it = fs.batches(BATCH);
        while (it.hasNext()) {
            DataSet d = it.next();
            INDArray logits = STEP.get().logits(p, d.getFeatures());
            INDArray pred = logits.argMax(1);
            INDArray truth = d.getLabels().argMax(1);
            int rows = (int) logits.size(0);
            for (int i = 0; i < rows; i++) {
                right[seen + i] = pred.getInt(i) == truth.getInt(i);
            }
            while (next < lossRows.length && lossRows[next] < seen + rows) {
                picked.add(logits.getRow(lossRows[next] - seen, true));
                next++;
            }
            seen += rows;
        }
        if (picked.isEmpty()) {
            return new Scores(right, Double.NaN);
        }
        INDArray lossLogits = Nd4j.vstack(picked.toArray(new INDArray[0]));
        return new Scores(right, KwsStep.crossEntropy(lossLogits, fs.rows(lossRows).getLabels()));
    }

    /** Mean cross-entropy on one batch. */
    public static double loss(MultiLayerNetwork net, DataSet batch) {
        return STEP.get().loss(live(net), batch.getFeatures(), batch.getLabels());
    }

    /**
     * {@code n} clips taken at an even stride over the whole set (sets are grouped by label: a
     * prefix would miss labels).
     */
    public static DataSet spread(FeatureSet fs, int n) {
        return fs.rows(spreadRows(fs.size(), n));
    }

    /** The rows {@link #spread} takes, increasing. */
    static int[] spreadRows(int size, int n) {
        int take = Math.min(n, size);
        int[] idx = new int[take];
        for (int i = 0; i < take; i++) {
            idx[i] = (int) ((long) i * size / take);
        }
        return idx;
    }
}
