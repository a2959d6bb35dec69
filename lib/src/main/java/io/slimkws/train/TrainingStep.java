package io.slimkws.train;

import io.slimkws.model.KwsCnn;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * One step of the training loop, in two halves so the trainer can stop on a non-finite loss
 * before anything moves: {@link #gradient} lets the rule place the weights the gradient is taken
 * at (w; u = Prox(w) for GSBC; the binary weights for BC), computes ∇ℓ there and puts w back;
 * {@link #update} adds the rule's own term (μ ∂‖w‖_GL, β(w − u), the BC blend), masks, clips,
 * applies the optimiser and re-applies the mask. With SGD at rate η this is (3.2), (3.8),
 * (3.15)-(3.17) verbatim; UpdateRuleStepTest checks each against a hand computation.
 */
final class TrainingStep {
    private final StepState state;
    private final UpdateRule rule;
    private final Schedule sched;

    TrainingStep(StepState state, UpdateRule rule, Schedule sched) {
        this.state = state;
        this.rule = rule;
        this.sched = sched;
        applyMask();
    }

    /** ℓ of the batch at the rule's forward weights; ∇ℓ is left in {@code state.grad}. Dropout masks come from {@code dropoutSeed}. */
    double gradient(INDArray features, INDArray labels, long dropoutSeed) {
        rule.forwardWeights(state);
        Nd4j.getRandom().setSeed(dropoutSeed); // the same masks on resume
        double score = state.computeGradient(features, labels, KwsCnn.KEEP_PROBABILITY);
        rule.restore(state);
        return score;
    }

    /** The rule's term, the mask, the clip and the optimiser's step on the gradient of {@link #gradient}; returns the gradient's norm before the clip. */
    double update(GradientUpdater<?> opt, int step, int epoch) {
        INDArray grad = state.grad;
        rule.adjustGradient(state);
        if (state.conv2Mask != null) {
            state.conv2Grad().muli(state.conv2Mask);
        }
        double norm = sched.clip(grad);
        opt.applyUpdater(grad, step, epoch);
        state.net.params().subi(grad);
        applyMask();
        rule.afterStep(state);
        return norm;
    }

    /** Stages II and III: pruned groups of conv2 and the conv1 filters only they read stay exactly zero. */
    void applyMask() {
        if (state.conv2Mask != null) {
            state.conv2W().muli(state.conv2Mask);
            state.weights[0].muli(state.conv1Mask);
        }
    }
}
