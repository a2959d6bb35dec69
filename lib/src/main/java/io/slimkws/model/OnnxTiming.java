package io.slimkws.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * CPU latency of the same networks in the library and in ONNX Runtime (their {@link OnnxExport}),
 * for one clip and for a batch of 100, timed in interleaved rounds so that drift in machine load
 * hits both alike; with the size of each ONNX file. {@code clips}: MFCC feature maps [n, 1, 98,
 * 40], n of at least 1 (the batch is min(100, n)).
 */
public final class OnnxTiming {
    private OnnxTiming() {}

    /** A network to time: its label, the network, and the channels it keeps (null: all). */
    public record Net(String label, MultiLayerNetwork net, ChannelMask mask) {}

    public static Table measure(Net[] nets, INDArray clips, int rounds, int reps)
            throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int[] batches = {1, (int) Math.min(100, clips.size(0))};
        int n = nets.length;
        double[][][] lib = new double[n][2][rounds];
        double[][][] ort = new double[n][2][rounds];
        OrtSession[] sessions = new OrtSession[n];
        MultiLayerNetwork[] pruned = new MultiLayerNetwork[n];
        long[] bytes = new long[n];
        try {
            for (int i = 0; i < n; i++) {
                byte[] model =
                        OnnxExport.model(nets[i].net(), nets[i].mask(), nets[i].label())
                                .toByteArray();
                bytes[i] = model.length;
                sessions[i] = env.createSession(model, new OrtSession.SessionOptions());
                // The library runs the same physically pruned network the export holds.
                pruned[i] =
                        nets[i].mask() == null
                                        || nets[i].mask().keptCount() == nets[i].mask().channels()
                                ? nets[i].net()
                                : PrunedNetwork.of(nets[i].net(), nets[i].mask());
            }
            for (int r = 0; r < rounds; r++) {
                for (int b = 0; b < 2; b++) {
                    INDArray x = clips.get(NDArrayIndex.interval(0, batches[b]));
                    float[] xs = x.dup('c').data().asFloat();
                    long[] shape = {batches[b], 1, KwsCnn.FRAMES, KwsCnn.COEFFS};
                    for (int i = 0; i < n; i++) {
                        lib[i][b][r] = Speedup.medianMillis(pruned[i], x, reps);
                        ort[i][b][r] = ortMillis(env, sessions[i], xs, shape, reps);
                    }
                }
            }
        } finally {
            for (OrtSession s : sessions) {
                if (s != null) {
                    s.close();
                }
            }
        }
        StringColumn label = StringColumn.create("network");
        IntColumn batch = IntColumn.create("batch");
        DoubleColumn l = DoubleColumn.create("library (ms)");
        DoubleColumn o = DoubleColumn.create("ONNX Runtime (ms)");
        DoubleColumn ratio = DoubleColumn.create("library / ONNX Runtime");
        LongColumn size = LongColumn.create("ONNX file bytes");
        for (int i = 0; i < n; i++) {
            for (int b = 0; b < 2; b++) {
                double ml = Speedup.median(lib[i][b]);
                double mo = Speedup.median(ort[i][b]);
                label.append(nets[i].label());
                batch.append(batches[b]);
                l.append(ml);
                o.append(mo);
                ratio.append(ml / mo);
                size.append(bytes[i]);
            }
        }
        return Table.create(
                "CPU latency, library and ONNX Runtime "
                        + OrtEnvironment.getEnvironment().getVersion()
                        + " on the same pruned networks (median of "
                        + rounds
                        + " interleaved rounds of "
                        + reps
                        + ")",
                label,
                batch,
                l,
                o,
                ratio,
                size);
    }

    private static double ortMillis(
            OrtEnvironment env, OrtSession s, float[] x, long[] shape, int reps)
            throws OrtException {
        double[] t = new double[reps];
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape)) {
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                try (OrtSession.Result res = s.run(Map.of(OnnxExport.INPUT, in))) {
                    res.get(0);
                }
                t[r] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return Speedup.median(t);
    }
}
