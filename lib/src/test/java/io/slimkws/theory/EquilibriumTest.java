package io.slimkws.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slimkws.prox.GroupL0Prox;
import io.slimkws.prox.GroupLassoProx;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The equilibrium system (3.9) of Theorem 1 on cases worked by hand: given ∇ℓ(w̄), β and λ, its
 * residuals, its Lagrangian and its group-by-group conditions, each chosen so that a wrong sign, λ
 * in place of βλ or a wrong grouping gives another number.
 */
class EquilibriumTest {
    @Test
    void groupSoftThresholdShrinksEachInputChannelByLambdaOverItsNorm() {
        // [out 2, in 2, 1, 1]: group 0 = (3, 4), norm 5; group 1 = (0.6, 0.8), norm 1. λ = 2.5:
        // group 0 scaled by 1 − 2.5/5 = 0.5 → (1.5, 2); group 1 (norm ≤ λ) → 0.
        var w = Nd4j.create(new double[] {3, 0.6, 4, 0.8}, new long[] {2, 2, 1, 1});
        assertArrayEquals(
                new double[] {1.5, 0, 2, 0}, Equilibrium.groupSoftThreshold(w, 2.5), 1e-12);
        // At the threshold itself (norm 1 = λ) the group is zero; just above it, it is not.
        assertArrayEquals(new double[] {0, 0, 0, 0}, Equilibrium.groupSoftThreshold(w, 5), 1e-12);
        assertEquals(
                3 * (1 - 4.999 / 5),
                Equilibrium.groupSoftThreshold(
                        Nd4j.create(new double[] {3, 0, 4, 0}, new long[] {2, 2, 1, 1}), 4.999)[0],
                1e-12);
    }

    /** [out 1, in 2, 1, 2]: group 0 = (3, 4) (norm 5), group 1 = (0.3, 0.4) (norm 0.5). */
    private static INDArray w() {
        return Nd4j.create(new double[] {3, 4, 0.3, 0.4}, new long[] {1, 2, 1, 2});
    }

    @Test
    void theResidualsAndTheLagrangianOfAGivenGradientAreTheHandComputedOnes() {
        double beta = 2;
        INDArray w = w();
        // Prox_GL,1(w) = ((1 − 1/5)·(3, 4), 0) = (2.4, 3.2, 0, 0); ū is off by 0.1 in one entry.
        INDArray u = Nd4j.create(new double[] {2.4, 3.3, 0, 0}, new long[] {1, 2, 1, 2});
        // β(ū − w̄) = 2·(−0.6, −0.7, −0.3, −0.4) = (−1.2, −1.4, −0.6, −0.8); ∇ℓ off by 0.2 in the
        // last entry.
        INDArray grad = Nd4j.create(new double[] {-1.2, -1.4, -0.6, -0.6}, new long[] {1, 2, 1, 2});
        Equilibrium e = Equilibrium.at(w, u, grad, 0.7, new GroupLassoProx(1), beta);
        assertEquals(0.1, e.proxResidual(), 1e-12);
        assertEquals(
                0.2,
                e.gradientResidual(),
                1e-12); // with β(w̄ − ū) it would be ‖(−2.4, −2.8, −1.2, −1.4)‖ = 4.1
        assertEquals(Math.sqrt(1.44 + 1.96 + 0.36 + 0.36), e.gradientNorm(), 1e-12);
        assertEquals(Math.sqrt(1.44 + 1.96 + 0.36 + 0.64), e.splittingNorm(), 1e-12);
        // L_β = ℓ + βλ Σ_g ‖ū_g‖ + β/2 ‖w̄ − ū‖² = 0.7 + 2·1·√(2.4² + 3.3²) + 1·(0.36 + 0.49 + 0.09
        // + 0.16).
        assertEquals(0.7 + 2 * Math.hypot(2.4, 3.3) + 1.1, e.lagrangian(), 1e-12);
        assertEquals(0.7, e.loss(), 0.0);
    }

    @Test
    void withGroupL0TheProxResidualIsAgainstHardThresholdingAndThePenaltyCountsGroups() {
        // Prox_GL0,1 keeps a group when its norm exceeds √2: (3, 4, 0, 0). ū = that exactly:
        // residual 0.
        INDArray u = Nd4j.create(new double[] {3, 4, 0, 0}, new long[] {1, 2, 1, 2});
        INDArray grad = Nd4j.zeros(DataType.DOUBLE, 1, 2, 1, 2);
        Equilibrium e = Equilibrium.at(w(), u, grad, 0.5, new GroupL0Prox(1), 3);
        assertEquals(0.0, e.proxResidual(), 1e-12);
        // ‖∇ℓ − β(ū − w̄)‖ = 3·‖(0, 0, −0.3, −0.4)‖ = 1.5; L_β = 0.5 + 3·(1 · one non-zero group) +
        // 3/2·0.25.
        assertEquals(1.5, e.gradientResidual(), 1e-12);
        assertEquals(0.5 + 3 + 1.5 * 0.25, e.lagrangian(), 1e-12);
    }

    @Test
    void groupByGroupAZeroGroupIsJudgedAgainstBetaLambdaAndTheKeptResidualHasThePapersSign() {
        // [out 2, in 3, 1, 2], c order: index ((o·3 + g)·2 + j). Group 0 is kept, groups 1 and 2
        // are zero in ū.
        double beta = 0.5;
        double lambda = 1; // βλ = 0.5
        double[] w = new double[12];
        double[] u = new double[12];
        double[] g = new double[12];
        // Group 1: ∇ = (0.5, 0 | 0, 0), norm 0.5 = βλ. Group 2: (0.5, 0.3 | 0.1, 0.3), norm √0.44 =
        // 0.66:
        // above βλ = 0.5 but below λ = 1, so only the paper's test (βλ) leaves it out.
        set(g, 1, 0.5, 0, 0, 0); // norm exactly βλ: inside, as (3.9)'s ≤ says
        set(g, 2, 0.5, 0.3, 0.1, 0.3);
        set(w, 1, 0.1, 0.1, 0.1, 0.1);
        set(w, 2, 0.2, 0.2, 0.2, 0.2);
        // Group 0: w̄ = (3, 0 | 0, 4), ū = 0.8 w̄ = (2.4, 0 | 0, 3.2); β(ū − w̄) = (−0.3, 0 | 0,
        // −0.4), norm 0.5.
        set(w, 0, 3, 0, 0, 4);
        set(u, 0, 2.4, 0, 0, 3.2);
        set(g, 0, -0.3, 0.1, 0, -0.5); // off by (0, 0.1 | 0, −0.1)
        long[] shape = {2, 3, 1, 2};
        Equilibrium.ByGroup b =
                Equilibrium.conditions(
                        Nd4j.create(w, shape),
                        Nd4j.create(u, shape),
                        Nd4j.create(g, shape),
                        beta,
                        lambda,
                        100);
        assertEquals(2, b.zeroGroups());
        assertEquals(1, b.zeroGroupsWithin());
        assertEquals(
                Math.sqrt(0.02),
                b.keptResidual(),
                1e-12); // with β(w̄ − ū): ‖(−0.6, 0.1, 0, −0.9)‖ = 1.09
        assertEquals(0.5, b.keptScale(), 1e-12);
        assertEquals(100, b.samples());
    }

    /** Group {@code grp}'s entries (out 0: a, b; out 1: c, d) in a [2, 3, 1, 2] array. */
    private static void set(double[] v, int grp, double a, double b, double c, double d) {
        v[grp * 2] = a;
        v[grp * 2 + 1] = b;
        v[(3 + grp) * 2] = c;
        v[(3 + grp) * 2 + 1] = d;
    }
}
