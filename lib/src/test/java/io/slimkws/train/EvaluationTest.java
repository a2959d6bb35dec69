package io.slimkws.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slimkws.data.FeatureSet;
import io.slimkws.model.KwsCnn;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The evaluation's shared forward pass: accuracy and the loss on a spread batch read from one set
 * of logits must be the numbers of separate passes (each clip scored alone by DL4J's layers for the
 * accuracy; the loss batch in a forward pass of its own). 250 clips span two batches of the
 * evaluation, so the spread rows cross a batch boundary.
 */
class EvaluationTest {
    @Test
    void oneForwardPassGivesTheAccuracyAndLossOfSeparatePasses() {
        int n = 250;
        Random r = new Random(5);
        float[] x = new float[n * FeatureSet.DIM];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(KwsCnn.CLASSES);
        }
        FeatureSet fs = new FeatureSet(x, y);
        MultiLayerNetwork net = KwsCnn.build(3);
        Nd4j.getRandom().setSeed(3);
        net.params().addi(Nd4j.randn(DataType.FLOAT, net.params().shape()).muli(0.05));
        int[] rows = Evaluation.spreadRows(n, 100);
        Evaluation.Scores s = Evaluation.scores(net, fs, rows);

        boolean[] dl4j = new boolean[n];
        for (int i = 0; i < n; i++) {
            int pred = net.output(fs.rows(new int[] {i}).getFeatures()).argMax(1).getInt(0);
            dl4j[i] = pred == y[i];
        }
        assertArrayEquals(dl4j, s.correct());
        assertEquals(Evaluation.loss(net, fs.rows(rows)), s.loss(), 1e-5);
        assertEquals(100, rows.length);
        assertEquals(247, rows[99]); // 99 · 250 / 100, in the second batch of 200
    }
}
