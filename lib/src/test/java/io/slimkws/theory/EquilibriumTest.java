package io.slimkws.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The independent prox of the equilibrium check, on a hand-worked case. */
class EquilibriumTest {
    @Test
    void groupSoftThresholdShrinksEachInputChannelByLambdaOverItsNorm() {
        // [out 2, in 2, 1, 1]: group 0 = (3, 4), norm 5; group 1 = (0.6, 0.8), norm 1. λ = 2.5:
        // group 0 scaled by 1 − 2.5/5 = 0.5 → (1.5, 2); group 1 (norm ≤ λ) → 0.
        var w = Nd4j.create(new double[] {3, 0.6, 4, 0.8}, new long[] {2, 2, 1, 1});
        assertArrayEquals(new double[] {1.5, 0, 2, 0}, Equilibrium.groupSoftThreshold(w, 2.5), 1e-12);
    }
}
