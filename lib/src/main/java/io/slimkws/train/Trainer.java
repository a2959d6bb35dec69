package io.slimkws.train;

import io.slimkws.data.AugmentedBatches;
import io.slimkws.data.FeatureSet;
import io.slimkws.data.KwsData;
import io.slimkws.model.ChannelMask;
import io.slimkws.model.KwsCnn;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntPredicate;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The one training loop. Each step: draw the augmented batch of that step, let the update rule
 * place the weights the gradient is taken at, compute ∇ℓ (DL4J's summed gradient divided by the
 * batch size, as fit() does), let the rule add its term, apply the optimiser, re-apply the mask. At
 * every evaluation: log, print a progress line, checkpoint.
 */
public final class Trainer {
    /**
     * Channel sparsity of GL runs counts groups with norm at most this: 1 % of a group's norm at
     * initialisation (about 0.51: 2,560 weights of standard deviation 0.01). GL's subgradient step
     * leaves no group exactly zero, so its tables count exact zeros separately.
     */
    public static final double GL_TOLERANCE = 0.005;

    /**
     * A run folder's file of {@link RunTimes}: the run's wall time, phase by phase, up to its last
     * checkpoint.
     */
    public static final String TIMING = "timing.json";

    private final RunSpec spec;
    private final KwsData data;
    private final MultiLayerNetwork net;
    private final ChannelMask mask;
    private final UpdateRule rule;
    private final StepState state;
    private final TrainingStep stepper;
    private final Schedule sched;
    private final Evaluator evaluator;
    private RunTimes times = new RunTimes();
    private AugmentedBatches batches;

    public Trainer(
            RunSpec spec,
            KwsData data,
            MultiLayerNetwork net,
            ChannelMask mask,
            FeatureSet trainEval) {
        this.spec = spec;
        this.data = data;
        this.net = net;
        this.mask = mask;
        this.rule = UpdateRule.of(spec.algorithm(), spec.hyper());
        this.state = new StepState(net, mask);
        this.sched = spec.schedule();
        this.evaluator = new Evaluator(spec, data, net, state, rule, trainEval);
        this.stepper = new TrainingStep(state, rule, sched);
    }

    /** The state the rules see (benchmarks attach a profile to it). */
    public StepState state() {
        return state;
    }

    /**
     * Trains from {@code resume} (or from the start) to the end of the schedule.
     *
     * @param stopAfter test hook: stop (as if killed) once this returns true for a step just
     *     checkpointed
     * @return the final log
     */
    public TrainingLog train(
            Path runDir, Checkpoint resume, PrintStream out, IntPredicate stopAfter)
            throws IOException {
        IUpdater updater = sched.updater();
        long n = net.numParams();
        INDArray optState =
                Nd4j.zeros(net.params().dataType(), 1, Math.max(1, updater.stateSize(n)));
        TrainingLog log = new TrainingLog();
        int start = 0;
        if (resume != null) {
            net.params().assign(resume.params());
            if (resume.optimizerState() != null) {
                optState.assign(resume.optimizerState());
            }
            log.restore(resume.logRows());
            start = resume.step();
        }
        ClipLog clips = sched.clipNorm() > 0 ? ClipLog.resume(runDir, start) : null;
        GradientUpdater<?> opt =
                updater.stateSize(n) > 0
                        ? updater.instantiate(optState, false)
                        : updater.instantiate((INDArray) null, false);
        int trainSize = data.training().size();
        Progress progress =
                new Progress(
                        spec.name(), start, sched.steps(), out, runDir.resolve("progress.log"));
        // The clock first, so that the log's seconds (from t0) never exceed the clock's.
        times = RunTimes.resuming(runDir.resolve(TIMING), start);
        long t0 = System.nanoTime();
        batches = null;
        double secondsBefore =
                resume == null || resume.logRows().isEmpty()
                        ? 0
                        : TrainingLog.Row.parse(resume.logRows().get(resume.logRows().size() - 1))
                                .seconds();
        double lossSum = 0;
        int lossCount = 0;
        if (start == 0) {
            // Step 0: where a warm-started stage begins (Stages II/III), and the first point of
            // every curve.
            logEvaluation(log, 0, Double.NaN, 0, 0, secondsBefore, runDir, progress, null);
        }
        try (AugmentedBatches batches =
                new AugmentedBatches(
                        data.training(), data.noise(), sched.batchSize(), spec.seed(), start, 4)) {
            this.batches = batches;
            for (int step = start; step < sched.steps(); step++) {
                boolean evalNow = (step + 1) % sched.evalEvery() == 0 || step + 1 == sched.steps();
                INDArray wPrev = null;
                INDArray uPrev = null;
                if (evalNow) {
                    wPrev = state.conv2W().dup();
                    uPrev = uOrW();
                    times.charge(RunTimes.Phase.BOOKKEEPING);
                }
                DataSet b = batches.next();
                times.charge(RunTimes.Phase.BATCH_WAIT);
                double score =
                        stepper.gradient(
                                b.getFeatures(), b.getLabels(), spec.seed() * 1_000_003L + step);
                if (!Double.isFinite(score)) {
                    throw new DivergedException(
                            spec.name()
                                    + " diverged at step "
                                    + step
                                    + ": training loss is "
                                    + score
                                    + " (learning rate "
                                    + sched.learningRate(step)
                                    + ")");
                }
                times.charge(RunTimes.Phase.GRADIENT);
                lossSum += score;
                lossCount++;
                double norm =
                        stepper.update(
                                opt, step, (int) ((long) step * sched.batchSize() / trainSize));
                if (clips != null) {
                    clips.note(step, norm, sched.clipNorm());
                }
                times.charge(RunTimes.Phase.UPDATE);
                if (evalNow) {
                    if (clips != null) {
                        clips.write(
                                runDir); // before the checkpoint: a resume drops the steps after it
                    }
                    double delta =
                            Math.sqrt(
                                    Math.pow(state.conv2W().distance2(wPrev), 2)
                                            + Math.pow(uOrW().distance2(uPrev), 2));
                    double seconds = secondsBefore + (System.nanoTime() - t0) / 1e9;
                    logEvaluation(
                            log,
                            step + 1,
                            lossSum / lossCount,
                            sched.learningRate(step),
                            delta,
                            seconds,
                            runDir,
                            progress,
                            new Checkpoint(step + 1, net.params().dup(), optState.dup(), null));
                    lossSum = 0;
                    lossCount = 0;
                    if (stopAfter != null && stopAfter.test(step + 1)) {
                        return log;
                    }
                }
            }
        }
        return log;
    }

    private void logEvaluation(
            TrainingLog log,
            int step,
            double trainLoss,
            double lr,
            double delta,
            double seconds,
            Path runDir,
            Progress progress,
            Checkpoint checkpoint)
            throws IOException {
        times.charge(RunTimes.Phase.BOOKKEEPING);
        Evaluator.Metrics m = evaluator.evaluate();
        times.charge(RunTimes.Phase.EVALUATION);
        double epoch = (double) step * sched.batchSize() / data.training().size();
        log.add(
                step,
                epoch,
                lr,
                trainLoss,
                m.trainAcc(),
                m.valAcc(),
                m.sparsity(),
                m.wMinusU(),
                m.lagrangian(),
                delta,
                seconds,
                m.groupNorms(),
                m.evalLoss());
        log.write(runDir.resolve("log.csv"), KwsCnn.CHANNELS);
        if (Arrays.stream(m.groupNorms()).allMatch(g -> g == 0)) {
            // Exact zeros (not GL's near-zero tolerance): every input channel of conv2 is gone.
            throw new EmptyLayerException(
                    spec.name()
                            + " removed every channel of conv2 at step "
                            + step
                            + ": all "
                            + m.groupNorms().length
                            + " of its input-channel groups (conv1's output channels) are zero, and"
                            + " a network with an empty layer cannot be evaluated");
        }
        if (checkpoint != null) {
            new Checkpoint(
                            checkpoint.step(),
                            checkpoint.params(),
                            checkpoint.optimizerState(),
                            log.rows())
                    .save(runDir);
        }
        // GL's sparsity is of near-zero groups (see GL_TOLERANCE); the line says so, beside the
        // tables' exact zeros.
        String what =
                spec.algorithm() == Algorithm.GL
                        ? "groups with norm <= " + GL_TOLERANCE
                        : "sparsity";
        progress.report(
                step,
                String.format(
                        "loss %.3f | train %.1f%% | val %.1f%% | %s %.1f%%",
                        m.evalLoss(), m.trainAcc(), m.valAcc(), what, m.sparsity()));
        times.charge(RunTimes.Phase.BOOKKEEPING);
        if (batches != null) {
            times.augmentCpuSeconds(batches.cpuSeconds());
        }
        times.step(step);
        times.write(runDir.resolve(TIMING));
    }

    private INDArray uOrW() {
        INDArray u = rule.u(state);
        return u != null ? u : state.conv2W().dup();
    }

    /** The network with the evaluation weights (u for RGSM/GSBC, binary for BC, else w). */
    public MultiLayerNetwork evaluationNetwork() {
        return evaluator.evaluationNetwork();
    }

    /** Top-1 accuracy in percent, dropout off (see {@link Evaluation#accuracy}). */
    public static double accuracy(MultiLayerNetwork net, FeatureSet fs) {
        return Evaluation.accuracy(net, fs);
    }
}
