package io.slimkws.bench;

import io.slimkws.env.EnvironmentReport;
import io.slimkws.env.FmaProbe;
import io.slimkws.model.ChannelMask;
import io.slimkws.model.KwsCnn;
import io.slimkws.model.KwsParams;
import io.slimkws.model.KwsStep;
import io.slimkws.model.StepProfile;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Benchmark (not a test): training samples/s of the keyword CNN at batch 100 as the trainer runs it
 * ({@link KwsStep}), dense and with half of conv2's input channels removed; DL4J's own layers
 * (MultiLayerNetwork.computeGradientAndScore) for reference; the achieved GFLOP/s (counted from the
 * layer shapes) as a share of this host's FP32 FMA limit ({@link FmaProbe}, self-checked); the GEMM
 * rates of oneDNN and OpenBLAS at 1024³ and 4096³ with the core OpenBLAS detected; and a per-op
 * profile of one step with each op's FLOPs and share of the limit. {@code
 * environment/bench/throughput} runs it beside PyTorch and prints the ratio.
 *
 * <pre>environment/run-java io.slimkws.bench.Throughput [steps] [dense | denormal]</pre>
 *
 * {@code denormal}: the dense step with 8.5 % of conv2's entries denormal (±1e-39, the share GL's
 * stalled run had at step 315) against the same weights with those entries 0, as GL's flush leaves
 * them.
 */
public final class Throughput {
    static final int BATCH = 100;

    /**
     * FLOPs of one training sample: forward, then the weight gradient of every layer and the input
     * gradient of every layer but conv1 (nothing reads it): 2 FLOPs per multiply-add.
     */
    public static double trainingFlops(int k) {
        long[] m = KwsCnn.ARCH.macs(k);
        double conv1 = m[0];
        double conv2 = m[1];
        double fc = m[2];
        return 2 * (3 * (conv2 + fc) + 2 * conv1);
    }

    /** FLOPs of one clip's forward pass (inference, an evaluation): 2 per multiply-add. */
    public static double forwardFlops(int k) {
        long[] m = KwsCnn.ARCH.macs(k);
        return 2.0 * (m[0] + m[1] + m[2]);
    }

    /**
     * FLOPs per sample of a profiled op of {@link KwsStep} (0 for the memory-bound ones), by its
     * name.
     */
    static double opFlops(String op, int k) {
        long[] m = KwsCnn.ARCH.macs(k);
        return switch (op) {
            case "conv1, relu, dropout, pool forward (fused)" -> 2.0 * m[0];
            case "conv2 forward" -> 2.0 * m[1];
            case "conv2 backward" -> 4.0 * m[1];
            case "fc forward" -> 2.0 * m[2];
            case "fc backward", "fc, relu, dropout backward (fused)" -> 4.0 * m[2];
            case "pool, relu, dropout, conv1 weights backward (fused)" -> 2.0 * m[0];
            default -> 0;
        };
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        if (args.length > 1 && args[1].equals("dense")) {
            denseOnly(steps);
            return;
        }
        if (args.length > 1 && args[1].equals("denormal")) {
            denormal(steps);
            return;
        }
        System.out.println(
                "cpu: "
                        + EnvironmentReport.cpuModel()
                        + ", "
                        + Runtime.getRuntime().availableProcessors()
                        + " cores, ND4J threads "
                        + Nd4j.getEnvironment().maxThreads()
                        + ", native build "
                        + EnvironmentReport.nativeBuild());
        FmaProbe.Limit limit = FmaProbe.measure();
        System.out.println(limit.describe());
        if (limit.selfCheck() != null) {
            System.out.println(
                    "throughput: the FMA probe failed its self-check; the shares below are not to"
                            + " be trusted");
        }
        System.out.println("OpenBLAS core: " + EnvironmentReport.blasCore());
        for (int size : new int[] {1024, 4096}) {
            System.out.printf(
                    "GEMM %d³: oneDNN matmul %s; OpenBLAS mmul %s%n",
                    size,
                    EnvironmentReport.shareOf(EnvironmentReport.gemmGflops(size, true), limit),
                    EnvironmentReport.shareOf(EnvironmentReport.gemmGflops(size, false), limit));
        }
        System.out.println("training step's arithmetic: " + EnvironmentReport.STEP_PATH);
        INDArray x = Nd4j.randn(DataType.FLOAT, BATCH, 1, KwsCnn.FRAMES, KwsCnn.COEFFS);
        INDArray y =
                Nd4j.eye(KwsCnn.CLASSES)
                        .getRows(IntStream.range(0, BATCH).map(i -> i % KwsCnn.CLASSES).toArray())
                        .castTo(DataType.FLOAT);
        MultiLayerNetwork net = KwsCnn.build(1);
        boolean[] half = new boolean[64];
        for (int g = 0; g < 64; g += 2) {
            half[g] = true;
        }
        ChannelMask mask = new ChannelMask(half);
        KwsStep step = new KwsStep();
        KwsStep.Params dense = KwsParams.of(net);
        KwsStep.Params pruned = KwsParams.pruned(dense, mask);
        // Interleaved rounds, so drift in the machine's load hits every variant alike; the best
        // round counts.
        double bestDense = 0;
        double bestPruned = 0;
        double bestDl4j = 0;
        for (int round = 0; round < 3; round++) {
            bestDense =
                    Math.max(
                            bestDense,
                            rate(
                                    () ->
                                            step.gradient(
                                                    dense,
                                                    x,
                                                    y,
                                                    KwsCnn.KEEP_PROBABILITY,
                                                    gradOf(dense)),
                                    steps));
            bestPruned =
                    Math.max(
                            bestPruned,
                            rate(
                                    () ->
                                            step.gradient(
                                                    pruned,
                                                    x,
                                                    y,
                                                    KwsCnn.KEEP_PROBABILITY,
                                                    gradOf(pruned)),
                                    steps));
            if (round == 0) {
                bestDl4j =
                        rate(
                                () -> {
                                    net.setInput(x);
                                    net.setLabels(y);
                                    net.computeGradientAndScore();
                                },
                                Math.max(3, steps / 2));
            }
        }
        double infer = rate(() -> step.logits(dense, x), steps);
        StepProfile prof = new StepProfile();
        KwsStep.Params g = dense.zerosLike();
        for (int i = 0; i < Math.max(3, steps / 2); i++) {
            step.gradient(dense, x, y, KwsCnn.KEEP_PROBABILITY, g, prof);
        }
        System.out.printf(
                "per-op profile of one dense training step, batch %d (FLOPs counted from the layer"
                        + " shapes):%n",
                BATCH);
        System.out.printf("  %-54s %8s %8s %9s %8s%n", "op", "ms", "GFLOP", "GFLOP/s", "% limit");
        double total = 0;
        for (Map.Entry<String, Double> e : prof.perStep().entrySet()) {
            double gflop = opFlops(e.getKey(), 64) * BATCH / 1e9;
            double rate = gflop / (e.getValue() / 1e3);
            System.out.printf(
                    "  %-54s %8.1f %8.2f %9s %8s%n",
                    e.getKey(),
                    e.getValue(),
                    gflop,
                    gflop > 0 ? String.format("%.1f", rate) : "",
                    gflop > 0 ? String.format("%.0f", 100 * limit.share(rate)) : "");
            total += e.getValue();
        }
        double stepGflop = trainingFlops(64) * BATCH / 1e9;
        double profiled = stepGflop / (total / 1e3);
        System.out.printf(
                "  %-54s %8.1f %8.2f %9.1f %8.0f%n",
                "total", total, stepGflop, profiled, 100 * limit.share(profiled));
        double gf = trainingFlops(64) * bestDense / 1e9;
        System.out.printf(
                "DL4J layers (computeGradientAndScore, no dropout): %.1f samples/s%n", bestDl4j);
        System.out.printf(
                "DL4J KwsStep dense: %.1f samples/s = %.1f GFLOP/s (%.3f GFLOP a sample) = %.0f %%"
                        + " of the FMA limit%n",
                bestDense, gf, trainingFlops(64) / 1e9, 100 * limit.share(gf));
        System.out.printf(
                "DL4J KwsStep 32 of 64 channels: %.1f samples/s (%.2fx dense; FLOPs %.2fx fewer)%n",
                bestPruned, bestPruned / bestDense, trainingFlops(64) / trainingFlops(32));
        System.out.printf("DL4J inference (KwsStep, dropout off): %.1f samples/s%n", infer);
        System.out.printf(
                "RESULT dense %.2f pruned %.2f layers %.2f limit %.1f stepgflops %.1f%n",
                bestDense, bestPruned, bestDl4j, limit.allThreads(), gf);
    }

    /**
     * Only the dense training step, for comparing native builds and thread settings
     * (environment/bench/levers).
     */
    private static void denseOnly(int steps) {
        double best = denseRate(steps, 2);
        System.out.printf(
                "RESULT dense %.2f threads %d native %s%n",
                best, Nd4j.getEnvironment().maxThreads(), EnvironmentReport.nativeBuild());
    }

    /** The dense step's samples/s: the best of {@code rounds} timings of {@code steps} steps. */
    static double denseRate(int steps, int rounds) {
        INDArray x = Nd4j.randn(DataType.FLOAT, BATCH, 1, KwsCnn.FRAMES, KwsCnn.COEFFS);
        INDArray y =
                Nd4j.eye(KwsCnn.CLASSES)
                        .getRows(IntStream.range(0, BATCH).map(i -> i % KwsCnn.CLASSES).toArray())
                        .castTo(DataType.FLOAT);
        KwsStep step = new KwsStep();
        KwsStep.Params dense = KwsParams.of(KwsCnn.build(1));
        double best = 0;
        for (int round = 0; round < rounds; round++) {
            best =
                    Math.max(
                            best,
                            rate(
                                    () ->
                                            step.gradient(
                                                    dense,
                                                    x,
                                                    y,
                                                    KwsCnn.KEEP_PROBABILITY,
                                                    gradOf(dense)),
                                    steps));
        }
        return best;
    }

    /**
     * Denormal conv2 entries against the same entries flushed to 0
     * (UpdateRule.GroupLassoPenalty#afterStep).
     */
    private static void denormal(int steps) {
        INDArray x = Nd4j.randn(DataType.FLOAT, BATCH, 1, KwsCnn.FRAMES, KwsCnn.COEFFS);
        INDArray y =
                Nd4j.eye(KwsCnn.CLASSES)
                        .getRows(IntStream.range(0, BATCH).map(i -> i % KwsCnn.CLASSES).toArray())
                        .castTo(DataType.FLOAT);
        MultiLayerNetwork withDenormals = KwsCnn.build(1);
        MultiLayerNetwork flushed = KwsCnn.build(1);
        INDArray w2 = withDenormals.getLayer(KwsCnn.CONV2).getParam("W");
        double[] v = w2.dup('c').data().asDouble();
        double[] z = v.clone();
        Random r = new Random(1);
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if (r.nextDouble() < 0.085) {
                v[i] = r.nextBoolean() ? 1e-39 : -1e-39;
                z[i] = 0;
                n++;
            }
        }
        w2.assign(Nd4j.create(v, w2.shape()).castTo(DataType.FLOAT));
        flushed.getLayer(KwsCnn.CONV2)
                .getParam("W")
                .assign(Nd4j.create(z, w2.shape()).castTo(DataType.FLOAT));
        long denormals = 0;
        for (float e : w2.dup('c').data().asFloat()) {
            if (e != 0 && Math.abs(e) < Float.MIN_NORMAL) {
                denormals++; // what the network holds, after the cast to float32
            }
        }
        KwsStep step = new KwsStep();
        KwsStep.Params d = KwsParams.of(withDenormals);
        KwsStep.Params f = KwsParams.of(flushed);
        double bestD = 0;
        double bestF = 0;
        for (int round = 0; round < 3; round++) {
            double rd =
                    rate(() -> step.gradient(d, x, y, KwsCnn.KEEP_PROBABILITY, gradOf(d)), steps);
            double rf =
                    rate(() -> step.gradient(f, x, y, KwsCnn.KEEP_PROBABILITY, gradOf(f)), steps);
            System.out.printf(
                    "round %d: denormal %.2f, flushed %.2f samples/s%n", round + 1, rd, rf);
            bestD = Math.max(bestD, rd);
            bestF = Math.max(bestF, rf);
        }
        System.out.println(
                "cpu: "
                        + EnvironmentReport.cpuModel()
                        + ", ND4J threads "
                        + Nd4j.getEnvironment().maxThreads());
        System.out.printf(
                "conv2 with %d of %d entries denormal (%d set): %.1f samples/s; the same entries 0:"
                        + " %.1f samples/s (%.2fx)%n",
                denormals, v.length, n, bestD, bestF, bestF / bestD);
        System.out.printf("RESULT denormal %.2f flushed %.2f%n", bestD, bestF);
    }

    private static KwsStep.Params gradOf(KwsStep.Params p) {
        return GRADS.computeIfAbsent(p, KwsStep.Params::zerosLike);
    }

    private static final Map<KwsStep.Params, KwsStep.Params> GRADS = new IdentityHashMap<>();

    private static double rate(Runnable r, int steps) {
        r.run(); // warm-up
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            r.run();
        }
        return steps * BATCH / ((System.nanoTime() - t0) / 1e9);
    }

    private Throughput() {}
}
