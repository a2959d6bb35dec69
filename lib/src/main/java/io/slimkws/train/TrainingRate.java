package io.slimkws.train;

import io.slimkws.model.KwsCnn;
import io.slimkws.model.KwsParams;
import io.slimkws.model.KwsStep;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** How fast this host trains: what {@code ./reproduce plan} and notebook 01 price the runs with. */
public final class TrainingRate {
    private TrainingRate() {}

    /** Training samples/s of the dense network on this host, from 3 timed steps of batch 100. */
    public static double samplesPerSecond() {
        MultiLayerNetwork net = KwsCnn.build(1);
        KwsStep step = new KwsStep();
        KwsStep.Params p = KwsParams.of(net);
        KwsStep.Params g = p.zerosLike();
        INDArray x = Nd4j.randn(DataType.FLOAT, 100, 1, KwsCnn.FRAMES, KwsCnn.COEFFS);
        INDArray y =
                Nd4j.eye(KwsCnn.CLASSES)
                        .getRows(IntStream.range(0, 100).map(i -> i % KwsCnn.CLASSES).toArray())
                        .castTo(DataType.FLOAT);
        step.gradient(p, x, y, KwsCnn.KEEP_PROBABILITY, g);
        long t0 = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            step.gradient(p, x, y, KwsCnn.KEEP_PROBABILITY, g);
        }
        return 300 / ((System.nanoTime() - t0) / 1e9);
    }
}
