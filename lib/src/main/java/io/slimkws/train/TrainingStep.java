package io.slimkws.train;

import io.slimkws.model.KwsCnn;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * One step of the training loop, in two halves so the trainer can stop on a non-finite loss before
 * anything moves: {@link #gradient} lets the rule place the weights the gradient is taken at (w; u
 * = Prox(w) for GSBC; the binary weights for BC), computes ∇ℓ there and puts w back; {@link
 * #update} masks and caps ∇ℓ, adds the rule's own term (μ ∂‖w‖_GL, β(w − u), the BC blend), applies
 * the optimiser and re-applies the mask. With SGD at rate η this is (3.2), (3.8), (3.15)-(3.17)
 * verbatim; UpdateRuleStepTest checks each against a hand computation.
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

    /**
     * ℓ of the batch at the rule's forward weights; ∇ℓ is left in {@code state.grad}. Dropout masks
     * come from {@code dropoutSeed}.
     */
    double gradient(INDArray features, INDArray labels, long dropoutSeed) {
        rule.forwardWeights(state);
        Nd4j.getRandom().setSeed(dropoutSeed); // the same masks on resume
        double score = state.computeGradient(features, labels, KwsCnn.KEEP_PROBABILITY);
        rule.restore(state);
        return score;
    }

    /**
     * The mask, the cap, the rule's term and the optimiser's step on the gradient of {@link
     * #gradient}; returns the loss gradient's norm before the cap. The cap guards the stochastic ∇ℓ
     * only: the rule's own term (β(w − u), μ ∂‖w‖_GL) is the paper's in every step, so a capped
     * RGSM step still pulls w toward u by ηβ(w − u) (capping the sum instead weakened that pull;
     * see docs/profiles.md).
     */
    double update(GradientUpdater<?> opt, int step, int epoch) {
        INDArray grad = state.grad;
        maskGradient();
        double norm = sched.clip(grad);
        rule.adjustGradient(
                state); // masked runs (II, III) add no gradient term; applyMask re-zeroes w anyway
        opt.applyUpdater(grad, step, epoch);
        state.net.params().subi(grad);
        applyMask();
        rule.afterStep(state);
        return norm;
    }

    /** Pruned groups of conv2 get no gradient (Stages II and III). */
    private void maskGradient() {
        if (state.conv2Mask != null) {
            state.conv2Grad().muli(state.conv2Mask);
        }
    }

    /**
     * Stages II and III: pruned groups of conv2 and the conv1 filters only they read stay exactly
     * zero.
     */
    void applyMask() {
        if (state.conv2Mask != null) {
            state.conv2W().muli(state.conv2Mask);
            state.weights[0].muli(state.conv1Mask);
        }
    }
}
