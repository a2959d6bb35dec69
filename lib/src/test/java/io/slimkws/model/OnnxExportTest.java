package io.slimkws.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.slimkws.TestData;
import io.slimkws.data.CorpusLoader;
import io.slimkws.data.FeatureSet;
import io.slimkws.data.KwsData;
import io.slimkws.env.Profile;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The exported ONNX models run in ONNX Runtime, a second implementation, and agree with the
 * library's forward pass on every clip of the smoke profile's test split of the real v0.02 test
 * set: the dense network, a channel-pruned one and a binarised pruned one.
 */
class OnnxExportTest {
    @TempDir static Path tmp;
    static FeatureSet test;

    @BeforeAll
    static void realClips() throws Exception {
        Path root =
                TestData.testSet()
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "no v0.02 test set: set SLIMKWS_TEST_DATA or"
                                                        + " environment/data-locations"));
        var c = CorpusLoader.of().load(root).limit(Profile.parse("smoke").clipsPerLabel());
        test = KwsData.of(c, tmp.resolve("features")).testing();
    }

    /**
     * Weights that make the logits differ from clip to clip, of a trained network's size (up to
     * about 15).
     */
    static MultiLayerNetwork network(long seed) {
        MultiLayerNetwork net = KwsCnn.build(seed);
        Nd4j.getRandom().setSeed(seed);
        for (int l : new int[] {KwsCnn.CONV1, KwsCnn.CONV2, KwsCnn.FC}) {
            INDArray w = net.getLayer(l).getParam("W");
            w.assign(Nd4j.randn(w.dataType(), w.shape()).muli(l == KwsCnn.FC ? 0.0005 : 0.1));
            INDArray b = net.getLayer(l).getParam("b");
            b.assign(Nd4j.randn(b.dataType(), b.shape()).muli(0.1));
        }
        return net;
    }

    /** The masked network: conv2 reads nothing from the channels the mask removes. */
    static MultiLayerNetwork masked(MultiLayerNetwork net, ChannelMask m) {
        INDArray w2 = net.getLayer(KwsCnn.CONV2).getParam("W");
        for (int g = 0; g < KwsCnn.CHANNELS; g++) {
            if (!m.kept(g)) {
                w2.get(all(), point(g), all(), all()).assign(0);
            }
        }
        return net;
    }

    /** Every weight of a layer to ±a, a = mean |w| (BinaryConnect's scaled sign). */
    static MultiLayerNetwork binarised(MultiLayerNetwork net) {
        for (int l : new int[] {KwsCnn.CONV1, KwsCnn.CONV2, KwsCnn.FC}) {
            INDArray w = net.getLayer(l).getParam("W");
            double a = Transforms.abs(w).meanNumber().doubleValue();
            w.assign(Transforms.sign(w).muli(a));
        }
        return net;
    }

    /** Runs the export in ONNX Runtime and checks every clip against the library's network. */
    static void agrees(MultiLayerNetwork net, ChannelMask mask, String what) throws Exception {
        byte[] model = OnnxExport.model(net, mask, what).toByteArray();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        double worstLogit = 0;
        double worstProb = 0;
        double largest = 0;
        try (OrtSession s = env.createSession(model, new OrtSession.SessionOptions())) {
            var it = test.batches(100);
            while (it.hasNext()) {
                DataSet d = it.next();
                INDArray x = d.getFeatures();
                int n = (int) x.size(0);
                // The library's forward pass: its activations up to conv2, then the dense layer.
                var acts = net.feedForward(x, false);
                INDArray flat = acts.get(3).reshape('c', n, -1);
                INDArray logits =
                        flat.mmul(net.getLayer(KwsCnn.FC).getParam("W"))
                                .addiRowVector(net.getLayer(KwsCnn.FC).getParam("b"));
                INDArray probs = net.output(x, false);
                float[] xs = x.dup('c').data().asFloat();
                try (OnnxTensor t =
                                OnnxTensor.createTensor(
                                        env,
                                        FloatBuffer.wrap(xs),
                                        new long[] {n, 1, KwsCnn.FRAMES, KwsCnn.COEFFS});
                        OrtSession.Result r = s.run(Map.of(OnnxExport.INPUT, t))) {
                    float[][] ol = (float[][]) r.get(OnnxExport.LOGITS).get().getValue();
                    float[][] op = (float[][]) r.get(OnnxExport.PROBABILITIES).get().getValue();
                    for (int i = 0; i < n; i++) {
                        int argLib = probs.getRow(i).argMax().getInt(0);
                        int argOnnx = 0;
                        for (int k = 0; k < KwsCnn.CLASSES; k++) {
                            largest = Math.max(largest, Math.abs(logits.getDouble(i, k)));
                            worstLogit =
                                    Math.max(
                                            worstLogit,
                                            Math.abs(ol[i][k] - logits.getDouble(i, k)));
                            worstProb =
                                    Math.max(worstProb, Math.abs(op[i][k] - probs.getDouble(i, k)));
                            if (op[i][k] > op[i][argOnnx]) {
                                argOnnx = k;
                            }
                        }
                        assertEquals(argLib, argOnnx, what + ": argmax of a clip differs");
                    }
                }
            }
        }
        assertTrue(
                worstLogit <= 1e-4,
                what
                        + ": largest logit difference "
                        + worstLogit
                        + " (largest |logit| "
                        + largest
                        + ")");
        assertTrue(worstProb <= 1e-4, what + ": largest probability difference " + worstProb);
    }

    @Test
    void theDenseThePrunedAndTheBinarisedExportsAgreeWithTheLibraryInOnnxRuntime()
            throws Exception {
        assertTrue(test.size() > 50, "the smoke test split has " + test.size() + " clips");
        agrees(network(1), null, "dense");
        // Every other channel kept: the export holds 32 filters of conv1, 32 inputs of conv2.
        ChannelMask half = ChannelMask.parse("10".repeat(32));
        agrees(masked(network(2), half), half, "pruned float");
        ChannelMask forty = ChannelMask.parse("1".repeat(40) + "0".repeat(24));
        agrees(binarised(masked(network(3), forty)), forty, "binarised");
        // Physically pruned: conv1 has only the kept filters.
        var w1 =
                OnnxExport.model(network(2), half, "x").getGraph().getInitializerList().stream()
                        .filter(t -> t.getName().equals("conv1.W"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(32, w1.getDims(0));
    }

    @Test
    void theOnnxCheckerAcceptsTheWrittenFile() throws Exception {
        // The reference implementation's checker (the onnx package in .venv, environment/setup).
        Path python = Path.of("").toAbsolutePath().getParent().resolve(".venv/bin/python");
        assertTrue(
                Files.isExecutable(python),
                "no " + python + ": run environment/setup (it installs the onnx checker)");
        ChannelMask forty = ChannelMask.parse("1".repeat(40) + "0".repeat(24));
        Path f = tmp.resolve("binarised.onnx");
        long bytes = OnnxExport.write(binarised(masked(network(3), forty)), forty, "b", f);
        assertEquals(Files.size(f), bytes);
        Process p =
                new ProcessBuilder(
                                python.toString(),
                                "-c",
                                "import onnx, sys; onnx.checker.check_model(sys.argv[1],"
                                        + " full_check=True); print('ok')",
                                f.toString())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.strip().endsWith("ok"), out);
    }

    @Test
    void aNetworkThatIsNotTheKeywordCnnIsRefusedNamingWhatItHas() {
        var conf =
                new NeuralNetConfiguration.Builder()
                        .list()
                        .layer(new DenseLayer.Builder().nIn(4).nOut(2).name("dense").build())
                        .build();
        MultiLayerNetwork other = new MultiLayerNetwork(conf);
        other.init();
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> OnnxExport.model(other, null, "other"));
        assertTrue(e.getMessage().contains("this network has 1"), e.getMessage());
    }
}
