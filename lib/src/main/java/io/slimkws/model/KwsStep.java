package io.slimkws.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The keyword CNN's forward and backward pass written with ND4J's native (oneDNN) ops instead of
 * DL4J's layers: the training step of {@code Trainer}. It computes what DL4J's {@code
 * MultiLayerNetwork} computes for {@link KwsCnn} (same parameters and layout; {@code KwsStepTest}
 * checks outputs and gradients against DL4J and against finite differences), with TensorFlow's
 * dropout placement, and faster on these hosts (see {@code environment/bench/throughput}) because
 *
 * <ul>
 *   <li>activations are NHWC, the layout oneDNN's CPU kernels want (DL4J hands them NCHW);
 *   <li>conv1's weight gradient is im2col + one batched GEMM, and its input gradient is not
 *       computed (nothing reads it): oneDNN's conv2d_bp took about 40 % of DL4J's step on this
 *       one-channel 20x8 kernel;
 *   <li>every intermediate lives in one ND4J workspace, reused from step to step (fresh off-heap
 *       arrays cost more in page faults than the arithmetic on them), and an array that an op
 *       writes whole is not zeroed first (100 MB of memset a step);
 *   <li>with k &lt; 64 kept channels it <em>is</em> the physically pruned network of Fig. 5: conv1
 *       has k filters and conv2 k input channels, not 64 multiplied by zero.
 * </ul>
 *
 * Dropout is where TensorFlow's {@code conv} model has it: on conv1's ReLU output <em>before</em>
 * the max-pool (a pooled unit is the max of its kept units, dropped only when all four are), and on
 * conv2's ReLU output before the fully connected layer. DL4J can only drop a layer's input, which
 * would put the first dropout after the pool; so the DL4J network of {@link KwsCnn} carries no
 * dropout and training draws its masks here.
 *
 * <p>Parameters and gradients are in DL4J's shapes (conv W [out, in, kh, kw], fc W [62,720, 12]
 * with rows in DL4J's NCHW flattening order), so they can be views into a {@code
 * MultiLayerNetwork}. Not thread-safe: one instance per training loop.
 */
public final class KwsStep {
    public static final int H = KwsCnn.FRAMES;
    public static final int W = KwsCnn.COEFFS;
    public static final int H2 = H / 2;
    public static final int W2 = W / 2;
    public static final int K1H = KwsCnn.ARCH.conv1().kernelTime();
    public static final int K1W = KwsCnn.ARCH.conv1().kernelFreq();
    public static final int K2H = KwsCnn.ARCH.conv2().kernelTime();
    public static final int K2W = KwsCnn.ARCH.conv2().kernelFreq();
    private static final int C = KwsCnn.CHANNELS;
    private static final int NHWC = 1;
    private static final int W_OIHW = 1;
    private static final WorkspaceConfiguration WS =
            WorkspaceConfiguration.builder()
                    .initialSize(0)
                    .policyAllocation(AllocationPolicy.STRICT)
                    .policyLearning(LearningPolicy.FIRST_LOOP)
                    .policyReset(ResetPolicy.BLOCK_LEFT)
                    .policySpill(SpillPolicy.REALLOCATE)
                    .build();

    /** Parameters (or their gradients) in DL4J's shapes; {@code k} = w1.size(0) = w2.size(1). */
    public record Params(
            INDArray w1, INDArray b1, INDArray w2, INDArray b2, INDArray wf, INDArray bf) {
        public int kept() {
            return (int) w1.size(0);
        }

        public INDArray[] all() {
            return new INDArray[] {w1, b1, w2, b2, wf, bf};
        }

        /** Zero arrays shaped like these parameters. */
        public Params zerosLike() {
            return new Params(
                    w1.ulike().assign(0),
                    b1.ulike().assign(0),
                    w2.ulike().assign(0),
                    b2.ulike().assign(0),
                    wf.ulike().assign(0),
                    bf.ulike().assign(0));
        }
    }

    private final String workspaceId = "slimkws-step-" + System.identityHashCode(this);
    private final Conv1Block conv1Block = new Conv1Block();

    private static void conv(INDArray x, INDArray w, INDArray b, int kh, int kw, INDArray out) {
        Nd4j.exec(
                DynamicCustomOp.builder("conv2d")
                        .addInputs(x, w, b)
                        .addOutputs(out)
                        .addIntegerArguments(kh, kw, 1, 1, 0, 0, 1, 1, 1, NHWC, W_OIHW)
                        .build());
    }

    private static void pool(INDArray x, INDArray out) {
        Nd4j.exec(
                DynamicCustomOp.builder("maxpool2d")
                        .addInputs(x)
                        .addOutputs(out)
                        .addIntegerArguments(2, 2, 2, 2, 0, 0, 1, 1, 0, 0, NHWC)
                        .build());
    }

    /**
     * out := op(a) · op(b), op transposing where asked: ND4J's matmul op, which oneDNN serves
     * (INDArray.mmul goes to OpenBLAS).
     */
    private static INDArray matmul(INDArray a, boolean ta, INDArray b, boolean tb, INDArray out) {
        Nd4j.exec(
                DynamicCustomOp.builder("matmul")
                        .addInputs(a, b)
                        .addOutputs(out)
                        .addIntegerArguments(ta ? 1 : 0, tb ? 1 : 0, 0)
                        .build());
        return out;
    }

    /**
     * Logits [n, 12] of clips x [n, 1, 98, 40] with dropout off (inference), detached from the
     * workspace.
     */
    public INDArray logits(Params p, INDArray x) {
        try (MemoryWorkspace ws =
                Nd4j.getWorkspaceManager().getAndActivateWorkspace(WS, workspaceId)) {
            return forward(p, x, 0, 1, false, null).logits.detach();
        }
    }

    /** Mean softmax cross-entropy of clips x with one-hot labels, dropout off. */
    public double loss(Params p, INDArray x, INDArray labels) {
        try (MemoryWorkspace ws =
                Nd4j.getWorkspaceManager().getAndActivateWorkspace(WS, workspaceId)) {
            return crossEntropy(forward(p, x, 0, 1, false, null).logits, labels);
        }
    }

    /** Mean softmax cross-entropy of logits [n, 12] against one-hot labels: {@link #loss}'s. */
    public static double crossEntropy(INDArray logits, INDArray labels) {
        INDArray prob = Transforms.softmax(logits, true);
        return -Transforms.log(prob.add(1e-30), false)
                        .muli(labels.castTo(prob.dataType()))
                        .sumNumber()
                        .doubleValue()
                / logits.size(0);
    }

    /**
     * conv2's input for clips x: conv1, ReLU, dropout mask 1 of {@code seed} ({@link Dropout}; keep
     * = 1 for none), max-pool; NHWC [n, 49, 20, k], detached. For tests of the dropout placement.
     */
    INDArray conv2Input(Params p, INDArray x, long seed, double keep) {
        try (MemoryWorkspace ws =
                Nd4j.getWorkspaceManager().getAndActivateWorkspace(WS, workspaceId)) {
            return forward(p, x, seed, keep, false, null).d1.detach();
        }
    }

    /** Predicted class of each clip of x. */
    public int[] predict(Params p, INDArray x) {
        INDArray l = logits(p, x);
        int[] out = new int[(int) l.size(0)];
        INDArray am = l.argMax(1);
        for (int i = 0; i < out.length; i++) {
            out[i] = am.getInt(i);
        }
        return out;
    }

    /**
     * r1: conv1's activations after ReLU and dropout (the float64 path only; the float32 path keeps
     * them in {@link Conv1Block}).
     */
    private record Forward(
            INDArray r1, INDArray d1, INDArray flat, INDArray wfNhwc, INDArray logits) {}

    /**
     * The forward pass with dropout masks 1 and 2 of {@code seed} (keep &lt; 1). float32 runs the
     * fused kernels of {@link Conv1Block} and {@link Dropout}; float64 (the tests' finite
     * differences) runs ND4J's own ops with the same masks drawn as arrays: an independent second
     * implementation. {@code backward}: a backward pass of these clips follows, so conv1's
     * activations are kept for it.
     */
    private Forward forward(
            Params p, INDArray xNchw, long seed, double keep, boolean backward, StepProfile prof) {
        int n = (int) xNchw.size(0);
        int k = p.kept();
        DataType dt = p.w1().dataType();
        boolean fused = dt == DataType.FLOAT;
        // One input channel: NCHW [n, 1, 98, 40] and NHWC [n, 98, 40, 1] are the same bytes.
        INDArray x = xNchw.castTo(dt).dup('c').reshape('c', n, H, W, 1);
        INDArray d1 = Nd4j.createUninitialized(dt, n, H2, W2, k);
        INDArray r1 = null;
        if (fused) {
            conv1Block.forward(x, p.w1(), p.b1(), d1, seed, keep, backward);
            StepProfile.op(prof, "conv1, relu, dropout, pool forward (fused)");
        } else {
            r1 = Nd4j.create(dt, n, H, W, k);
            conv(x, p.w1(), p.b1().reshape(k), K1H, K1W, r1);
            Transforms.relu(r1, false);
            if (keep < 1) {
                r1.muli(
                        Dropout.mask(
                                seed,
                                1,
                                r1.shape(),
                                keep,
                                dt)); // TensorFlow's first dropout: before the pool
            }
            pool(r1, d1);
        }
        INDArray r2 = Nd4j.createUninitialized(dt, n, H2, W2, C);
        conv(d1, p.w2(), p.b2().reshape(C), K2H, K2W, r2);
        StepProfile.op(prof, "conv2 forward");
        if (fused) {
            Dropout.reluDropout(r2, seed, 2, keep);
        } else {
            Transforms.relu(r2, false);
            if (keep < 1) {
                r2.muli(Dropout.mask(seed, 2, r2.shape(), keep, dt));
            }
        }
        StepProfile.op(prof, "relu, dropout forward");
        INDArray flat = r2.reshape('c', n, (long) H2 * W2 * C);
        INDArray wfNhwc =
                p.wf().reshape('c', C, H2, W2, p.wf().size(1))
                        .permute(1, 2, 0, 3)
                        .dup('c')
                        .reshape('c', (long) H2 * W2 * C, p.wf().size(1));
        StepProfile.op(prof, "fc layout");
        INDArray logits =
                matmul(flat, false, wfNhwc, false, Nd4j.createUninitialized(dt, n, wfNhwc.size(1)))
                        .addiRowVector(p.bf().reshape(p.bf().length()));
        StepProfile.op(prof, "fc forward");
        return new Forward(r1, d1, flat, wfNhwc, logits);
    }

    /**
     * {@link #gradient(Params, INDArray, INDArray, double, Params, StepProfile)} without a profile.
     */
    public double gradient(
            Params p, INDArray x, INDArray labels, double keepProbability, Params grad) {
        return gradient(p, x, labels, keepProbability, grad, null);
    }

    /**
     * Writes dℓ/dθ of the mean softmax cross-entropy of the batch into {@code grad} (arrays shaped
     * like {@code p}; they may be views into a flat gradient) and returns ℓ. {@code
     * keepProbability} &lt; 1 applies inverted dropout (on conv1's ReLU output before the pool, and
     * on conv2's ReLU output, as TensorFlow's {@code conv}) with masks of a seed drawn from ND4J's
     * random generator, so seeding it before the call fixes them.
     *
     * <p>No mask is needed backward: where the dropped activation a = relu(z) · m / p is positive
     * the derivative of both is 1/p, elsewhere 0, so ReLU's backward read from a and the factor 1/p
     * do both.
     */
    public double gradient(
            Params p,
            INDArray xNchw,
            INDArray labels,
            double keepProbability,
            Params grad,
            StepProfile prof) {
        if (prof != null) {
            prof.start();
        }
        int n = (int) xNchw.size(0);
        int k = p.kept();
        long seed = keepProbability < 1 ? Nd4j.getRandom().nextLong() : 0;
        double scale = keepProbability < 1 ? 1 / keepProbability : 1;
        double loss;
        try (MemoryWorkspace ws =
                Nd4j.getWorkspaceManager().getAndActivateWorkspace(WS, workspaceId)) {
            Forward f = forward(p, xNchw, seed, keepProbability, true, prof);
            DataType dt = p.w1().dataType();
            INDArray prob = Transforms.softmax(f.logits, true);
            loss =
                    -Transforms.log(prob.add(1e-30), false)
                                    .muli(labels.castTo(prob.dataType()))
                                    .sumNumber()
                                    .doubleValue()
                            / n;
            INDArray gl = prob.subi(labels.castTo(prob.dataType())).divi(n);
            StepProfile.op(prof, "softmax cross-entropy");
            grad.bf().assign(gl.sum(0).reshape(grad.bf().shape()));
            INDArray gr2;
            if (f.r1 == null && gl.size(1) == FcBackward.CLASSES) {
                gr2 = fcBackwardFused(f, gl, (float) scale, grad.wf(), n, prof);
            } else {
                INDArray gwfNhwc =
                        matmul(
                                f.flat,
                                true,
                                gl,
                                false,
                                Nd4j.createUninitialized(dt, f.flat.size(1), gl.size(1)));
                // conv2's second dropout's 1/p rides on gl: one multiply of [n, 12] instead of one
                // of [n, 62,720].
                gr2 =
                        matmul(
                                        gl.mul(scale),
                                        false,
                                        f.wfNhwc,
                                        true,
                                        Nd4j.createUninitialized(dt, n, f.flat.size(1)))
                                .reshape('c', n, H2, W2, C);
                StepProfile.op(prof, "fc backward");
                grad.wf()
                        .assign(
                                gwfNhwc.reshape('c', H2, W2, C, gl.size(1))
                                        .permute(2, 0, 1, 3)
                                        .reshape(grad.wf().shape()));
                StepProfile.op(prof, "fc layout");
                reluBackwardInPlace(f.flat.reshape('c', n, H2, W2, C), gr2);
                StepProfile.op(prof, "relu, dropout backward");
            }
            INDArray gd1 = Nd4j.createUninitialized(dt, n, H2, W2, k);
            INDArray gb2 = Nd4j.createUninitialized(dt, C);
            Nd4j.exec(
                    DynamicCustomOp.builder("conv2d_bp")
                            .addInputs(f.d1, p.w2(), p.b2().reshape(C), gr2)
                            .addOutputs(gd1, grad.w2(), gb2)
                            .addIntegerArguments(K2H, K2W, 1, 1, 0, 0, 1, 1, 1, NHWC, W_OIHW)
                            .build());
            grad.b2().assign(gb2.reshape(grad.b2().shape()));
            StepProfile.op(prof, "conv2 backward");
            if (f.r1 == null) {
                conv1Block.backward(gd1, keepProbability, grad.w1(), grad.b1());
                StepProfile.op(prof, "pool, relu, dropout, conv1 weights backward (fused)");
            } else {
                INDArray gr1 = Nd4j.create(dt, n, H, W, k);
                // f.r1 holds conv1's activations after dropout: the pool's input, so its argmax is
                // the kept unit's.
                Nd4j.exec(
                        DynamicCustomOp.builder("maxpool2d_bp")
                                .addInputs(f.r1, gd1)
                                .addOutputs(gr1)
                                .addIntegerArguments(2, 2, 2, 2, 0, 0, 1, 1, 0, 0, NHWC)
                                .build());
                reluBackwardInPlace(f.r1, gr1);
                gr1.muli(scale);
                INDArray g = gr1.reshape('c', n, (long) H * W, k);
                grad.b1().assign(g.sum(0, 1).reshape(grad.b1().shape()));
                grad.w1()
                        .assign(
                                Conv1Reference.weightGradient(xNchw.castTo(dt), gr1)
                                        .reshape(grad.w1().shape()));
            }
        }
        if (prof != null) {
            prof.endStep();
        }
        return loss;
    }

    /**
     * The float32 path of the fc layer's backward with conv2's ReLU and dropout backward ({@link
     * FcBackward}): returns dℓ/d(conv2's output) [n, 49, 20, 64] and writes the fc weight gradient
     * into {@code gwf} (DL4J's row order).
     */
    private INDArray fcBackwardFused(
            Forward f, INDArray gl, float scale, INDArray gwf, int n, StepProfile prof) {
        int fl = (int) f.flat.size(1);
        int cls = FcBackward.CLASSES;
        float[] glBuf = new float[n * cls];
        Conv1Block.floats(gl.dup('c')).get(glBuf);
        INDArray gr2 = Nd4j.createUninitialized(DataType.FLOAT, n, H2, W2, C);
        INDArray gwfNhwc = Nd4j.createUninitialized(DataType.FLOAT, fl, cls);
        FcBackward.backward(
                Conv1Block.floats(f.flat),
                glBuf,
                scale,
                Conv1Block.floats(f.wfNhwc),
                Conv1Block.floats(gr2),
                Conv1Block.floats(gwfNhwc),
                n,
                fl);
        StepProfile.op(prof, "fc, relu, dropout backward (fused)");
        gwf.assign(gwfNhwc.reshape('c', H2, W2, C, cls).permute(2, 0, 1, 3).reshape(gwf.shape()));
        StepProfile.op(prof, "fc layout");
        return gr2;
    }

    /**
     * grad := grad where relu &gt; 0, else 0 (the derivative of ReLU, with 0 at 0 as DL4J and TF).
     */
    private static void reluBackwardInPlace(INDArray relu, INDArray grad) {
        Nd4j.exec(
                DynamicCustomOp.builder("relu_bp")
                        .addInputs(relu, grad)
                        .addOutputs(grad)
                        .addFloatingPointArguments(0.0)
                        .build());
    }
}
