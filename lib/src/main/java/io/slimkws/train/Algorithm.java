package io.slimkws.train;

import java.util.Locale;

/** The training algorithms of Section 3, by the names the paper gives them. */
public enum Algorithm {
    /** The recipe's plain step: w <- w - η ∇ℓ(w). */
    PLAIN(0, false),
    /**
     * Group Lasso as an additive penalty (3.2): ∇(ℓ + μ ||w||_GL). Revision 1: conv2's denormal
     * entries flushed to zero after each step ({@link UpdateRule.GroupLassoPenalty#afterStep}).
     */
    GL(1, true),
    /** Relaxed group-wise splitting (3.8): u = Prox(w); w <- w - η ∇ℓ(w) - η β (w - u). */
    RGSM(0, true),
    /** Group sparsity BinaryConnect (3.17): u = Prox(w); w <- w - η ∇ℓ(u). */
    GSBC(0, false),
    /** BinaryConnect (3.15) and its blended form (3.16) with ρ > 0: gradients at proj_Q(w_f). */
    BC(0, false);

    /**
     * Version of this algorithm's own update code, part of its runs' identity only: a change to one
     * rule (0 until its first) retires that rule's cached runs and leaves the others' as they are.
     * A change to the shared step bumps {@link RunSpec#TRAINER_VERSION} instead.
     */
    public final int revision;

    /**
     * Whether the rule adds its own term to the gradient (μ ∂‖w‖_GL, β(w − u)). A gradient cap acts
     * on the loss gradient before that term, so for these rules a capped run says so in its
     * identity.
     */
    public final boolean addsGradientTerm;

    Algorithm(int revision, boolean addsGradientTerm) {
        this.revision = revision;
        this.addsGradientTerm = addsGradientTerm;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
