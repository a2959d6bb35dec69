package io.slimkws.train;

import io.slimkws.prox.BinaryProjection;
import io.slimkws.prox.GroupProx;
import io.slimkws.prox.Groups;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * One update rule of Section 3, as three hooks around the shared step of {@link Trainer}:
 *
 * <ol>
 *   <li>{@link #forwardWeights}: put the weights the gradient is taken at into the network (w
 *       itself; u = Prox(w) for GSBC; proj_Q(w_f) for BC), remembering w;
 *   <li>the trainer computes ∇ℓ at them, then calls {@link #restore} to put w back;
 *   <li>{@link #adjustGradient}: add the rule's extra term (μ ∂||w||_GL for GL, β(w - u) for RGSM)
 *       and, for blended BC, move w_f toward the binary weights.
 * </ol>
 *
 * The optimiser then turns the gradient into the step: with SGD at rate η this is exactly (3.2),
 * (3.8), (3.15)-(3.17); with Adam the same gradient goes through Adam's scaling. {@link
 * #evaluationWeights} gives the weights accuracy is measured with: u for RGSM and GSBC, the binary
 * weights for BC, w otherwise.
 */
public interface UpdateRule {
    default void forwardWeights(StepState s) {}

    default void restore(StepState s) {}

    default void adjustGradient(StepState s) {}

    /**
     * After the optimiser has moved w (and the mask is re-applied): the rule's own clean-up of w.
     */
    default void afterStep(StepState s) {}

    /**
     * Writes the evaluation weights of conv1/conv2/fc into the given views (copies of w on entry).
     */
    default void evaluationWeights(StepState s, INDArray[] weights) {}

    /** u for splitting methods (conv2), or null. */
    default INDArray u(StepState s) {
        return null;
    }

    static UpdateRule of(Algorithm a, Hyper h) {
        return switch (a) {
            case PLAIN -> new UpdateRule() {};
            case GL -> new GroupLassoPenalty(h.mu());
            case RGSM -> new Rgsm(h.groupProx(), h.beta());
            case GSBC -> new Gsbc(h.groupProx());
            case BC -> new BinaryConnect(h.rho());
        };
    }

    /**
     * (3.2): the gradient of ℓ(w) + μ Σ_g ||w_g||; the subgradient at a zero group is taken as 0.
     */
    record GroupLassoPenalty(double mu) implements UpdateRule {
        @Override
        public void adjustGradient(StepState s) {
            INDArray w = s.conv2W();
            double[] n = Groups.norms(w);
            double[] scale = new double[n.length];
            for (int g = 0; g < n.length; g++) {
                scale[g] = n[g] > 0 ? mu / n[g] : 0;
            }
            s.conv2Grad().addi(Groups.scaled(w, scale));
        }

        /**
         * Entries of conv2 below the smallest normal number of their type are set to 0, as
         * TensorFlow's CPU threads do (they run with denormals flushed to zero). The penalty
         * shrinks the entries whose loss gradient is zero geometrically, into float32's denormal
         * range, where every multiply by them is slow (the slowdown measured is in
         * docs/throughput.md). A group's norm is never flushed this way unless all its entries are
         * below 1.2e-38.
         */
        @Override
        public void afterStep(StepState s) {
            INDArray w = s.conv2W();
            double tiny = w.dataType() == DataType.DOUBLE ? Double.MIN_NORMAL : Float.MIN_NORMAL;
            BooleanIndexing.replaceWhere(w, 0.0, Conditions.absLessThan(tiny));
        }
    }

    /**
     * The two splitting methods (RGSM, GSBC) keep w and report u = Prox(w) on conv2: accuracy is
     * measured with u, and u is what the log and the equilibrium checks read.
     */
    interface Splitting extends UpdateRule {
        GroupProx prox();

        @Override
        default void evaluationWeights(StepState s, INDArray[] weights) {
            weights[1].assign(prox().apply(weights[1]));
        }

        @Override
        default INDArray u(StepState s) {
            return prox().apply(s.conv2W());
        }
    }

    /** (3.8): u = Prox(w); the gradient gets β(w - u) on conv2. */
    record Rgsm(GroupProx prox, double beta) implements Splitting {
        @Override
        public void adjustGradient(StepState s) {
            INDArray w = s.conv2W();
            s.conv2Grad().addi(w.sub(prox.apply(w)).muli(beta));
        }
    }

    /** (3.17): the gradient is taken at u = Prox(w), then applied to w. */
    final class Gsbc implements Splitting {
        private final GroupProx prox;
        private INDArray saved;

        public Gsbc(GroupProx prox) {
            this.prox = prox;
        }

        @Override
        public GroupProx prox() {
            return prox;
        }

        @Override
        public void forwardWeights(StepState s) {
            INDArray w = s.conv2W();
            saved = w.dup();
            w.assign(prox.apply(saved));
        }

        @Override
        public void restore(StepState s) {
            s.conv2W().assign(saved);
        }
    }

    /**
     * (3.15)/(3.16): forward and backward at w = proj_Q(w_f) per layer (masked weights stay 0 and
     * do not count in the scale); then w_f <- (1 - ρ) w_f + ρ w before the gradient step. The
     * network's parameters hold w_f between steps, apart from the binary weights.
     */
    final class BinaryConnect implements UpdateRule {
        private final double rho;
        private INDArray[] saved;
        private INDArray[] binary;

        public BinaryConnect(double rho) {
            this.rho = rho;
        }

        @Override
        public void forwardWeights(StepState s) {
            saved = new INDArray[s.weights.length];
            binary = new INDArray[s.weights.length];
            for (int i = 0; i < s.weights.length; i++) {
                saved[i] = s.weights[i].dup();
                binary[i] = BinaryProjection.project(saved[i], s.maskOf(i));
                s.weights[i].assign(binary[i]);
            }
        }

        @Override
        public void restore(StepState s) {
            for (int i = 0; i < s.weights.length; i++) {
                s.weights[i].assign(saved[i]);
            }
        }

        @Override
        public void adjustGradient(StepState s) {
            if (rho > 0) {
                for (int i = 0; i < s.weights.length; i++) {
                    s.weights[i].muli(1 - rho).addi(binary[i].mul(rho));
                }
            }
        }

        @Override
        public void evaluationWeights(StepState s, INDArray[] weights) {
            for (int i = 0; i < weights.length; i++) {
                weights[i].assign(BinaryProjection.project(weights[i], s.maskOf(i)));
            }
        }
    }
}
