package io.slimkws.prox;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The relaxed Lagrangian of RGSM (3.8), L_β(u, w) = ℓ(w) + β·P(u) + β/2·||w − u||², with P the
 * group penalty at threshold λ (λ Σ_g ||u_g|| for GL, λ·#{g : u_g ≠ 0} for GL0). One definition for
 * the trainer's log, the equilibrium check of (3.9) and the toy of Theorem 1.
 */
public final class Lagrangian {
    private Lagrangian() {}

    /** From its parts: the loss at w, the penalty P(u) (λ included) and ||w − u||². */
    public static double of(double loss, double beta, double penaltyOfU, double wMinusUSquared) {
        return loss + beta * penaltyOfU + beta / 2 * wMinusUSquared;
    }

    /** With the penalty of {@code prox} (its λ included) at u. */
    public static double of(double loss, double beta, GroupProx prox, INDArray w, INDArray u) {
        double d = w.distance2(u);
        return of(loss, beta, prox.penalty(u), d * d);
    }
}
