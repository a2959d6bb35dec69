package io.slimkws.paper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slimkws.prox.GroupL0Prox;
import io.slimkws.prox.GroupLassoProx;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Notebook 03's checks pass on the closed forms and fail on wrong ones, so they can catch a
 * mistake.
 */
class ProxChecksTest {
    @Test
    void theGroupLassoCheckPassesOnTheClosedFormAndFailsOnAShrinkageByTwiceLambda() {
        assertTrue(ProxChecks.agrees(ProxChecks.groupLasso(new Random(2019), GroupLassoProx::new)));
        assertFalse(
                ProxChecks.agrees(
                        ProxChecks.groupLasso(new Random(2019), l -> new GroupLassoProx(2 * l))));
    }

    @Test
    void theGroupL0CheckCountsAWrongThresholdAsDisagreeing() {
        int[] right = ProxChecks.groupL0(new Random(7), GroupL0Prox::new);
        assertArrayEquals(new int[] {right[1], right[1]}, right);
        // Thresholding at sqrt(2 · λ/4) keeps groups that (3.12) zeroes: those with λ/2 < ||w_g||²
        // < 2λ.
        int[] wrong = ProxChecks.groupL0(new Random(7), l -> new GroupL0Prox(l / 4));
        assertTrue(wrong[0] < wrong[1], wrong[0] + " of " + wrong[1]);
    }

    @Test
    void theGroupPenaltyIsSeparableAndTheBinaryProjectionIsOptimal() {
        assertTrue(ProxChecks.separability(new Random(1), 0.3, 3, 4) < 1e-4);
        assertTrue(ProxChecks.projectionOptimal(ProxChecks.binaryProjection(new Random(3))));
    }
}
