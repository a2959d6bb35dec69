package io.slimkws.bench;

import io.slimkws.data.FeatureSet;
import io.slimkws.model.KwsCnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Benchmark (not a test): training samples/s of the keyword CNN, batch 100, on random inputs,
 * with DL4J's own fit() and with the hand-written step the Trainer uses.
 *
 * <pre>environment/run-java io.slimkws.bench.TrainStepBenchmark [steps]</pre>
 */
public final class TrainStepBenchmark {
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int batch = 100;
        MultiLayerNetwork net = KwsCnn.build(new Adam(1e-3), 0.5, 1);
        DataSet d = new DataSet(Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.FLOAT, batch, 1, FeatureSet.FRAMES, 40),
                Nd4j.eye(12).getRows(java.util.stream.IntStream.range(0, batch).map(i -> i % 12).toArray()).castTo(
                        org.nd4j.linalg.api.buffer.DataType.FLOAT));
        net.fit(d); // warm-up
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            net.fit(d);
        }
        double fit = steps * batch / ((System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            net.setInput(d.getFeatures());
            net.setLabels(d.getLabels());
            net.computeGradientAndScore();
            net.params().subi(net.gradient().gradient().divi(batch).muli(1e-3));
        }
        double manual = steps * batch / ((System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            net.output(d.getFeatures(), false);
        }
        double infer = steps * batch / ((System.nanoTime() - t0) / 1e9);
        System.out.println(String.format("threads %d: fit() %.1f samples/s, hand-written step %.1f samples/s, inference %.1f samples/s",
                Nd4j.getEnvironment().maxThreads(), fit, manual, infer));
    }
}
