package io.slimkws.prox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The group maps' values at their thresholds and their penalties, on hand-worked layers [out 1, in
 * 3, 1, 2].
 */
class GroupProxHandTest {
    private static final long[] SHAPE = {1, 3, 1, 2};

    @Test
    void groupL0AtItsThresholdReturnsZeroAsEquation312Says() {
        // Groups (3, 4) norm 5, (0, 0), (1, 0) norm 1. λ = 12.5: √(2λ) = 5 exactly, so (3, 4) is at
        // the threshold → 0.
        var w = Nd4j.create(new double[] {3, 4, 0, 0, 1, 0}, SHAPE);
        assertArrayEquals(
                new double[] {0, 0, 0, 0, 0, 0},
                new GroupL0Prox(12.5).apply(w).data().asDouble(),
                0.0);
        // λ = 0.4: √0.8 = 0.894 < 1 < 5: both non-zero groups kept whole.
        assertArrayEquals(
                new double[] {3, 4, 0, 0, 1, 0},
                new GroupL0Prox(0.4).apply(w).data().asDouble(),
                0.0);
        // Its penalty counts the non-zero groups: λ·2.
        assertEquals(0.8, new GroupL0Prox(0.4).penalty(w), 1e-15);
        assertEquals(0.0, new GroupL0Prox(0.4).penalty(Nd4j.zeros(SHAPE)), 0.0);
    }

    @Test
    void groupLassoPenaltyIsLambdaTimesTheSumOfGroupNorms() {
        var w = Nd4j.create(new double[] {3, 4, 0, 0, 1, 0}, SHAPE);
        assertEquals(0.5 * (5 + 0 + 1), new GroupLassoProx(0.5).penalty(w), 1e-15);
        // At λ = the norm the group vanishes; just below, it is (1 − λ/‖w_g‖) w_g.
        assertArrayEquals(
                new double[] {0, 0, 0, 0, 0, 0},
                new GroupLassoProx(5).apply(w).data().asDouble(),
                0.0);
        assertArrayEquals(
                new double[] {0.6, 0.8, 0, 0, 0, 0},
                new GroupLassoProx(4).apply(w).data().asDouble(),
                1e-15);
    }
}
