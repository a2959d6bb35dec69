package io.slimkws.train;

/** The training algorithms of Section 3, by the names the paper gives them. */
public enum Algorithm {
    /** The recipe's plain step: w <- w - η ∇ℓ(w). */
    PLAIN,
    /** Group Lasso as an additive penalty (3.2): ∇(ℓ + μ ||w||_GL). */
    GL,
    /** Relaxed group-wise splitting (3.8): u = Prox(w); w <- w - η ∇ℓ(w) - η β (w - u). */
    RGSM,
    /** Group sparsity BinaryConnect (3.17): u = Prox(w); w <- w - η ∇ℓ(u). */
    GSBC,
    /** BinaryConnect (3.15) and its blended form (3.16) with ρ > 0: gradients at proj_Q(w_f). */
    BC;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
