package io.slimkws.study;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slimkws.study.Beyond.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The answer's rule on hand-made Stage III points: the target is at least 50 % channel sparsity at
 * no less than the original's accuracy minus 2.5 pp; the moonshot 60 % within 1.5 pp.
 */
class AnswerTest {
    private static Point p(String label, double sparsity, double val) {
        return new Point(label, sparsity, val, new double[] {val - 80, val - 82, val - 78});
    }

    @Test
    void theSparsestPointThatMeetsTheTargetIsNamedAndTheMoonshotJudgedApart() {
        // Original 80 %: the floor is 77.5 %, the moonshot's 78.5 %.
        String a =
                Beyond.answer(
                        80,
                        505,
                        List.of(
                                p("A", 52, 77.6), // meets: 52 % at 77.6 ≥ 77.5
                                p("B", 64, 77.5), // meets, sparser: named first
                                p("C", 70, 77.4), // 0.1 pp short: does not meet
                                p("D", 40, 80.0)), // accurate but not sparse enough
                        null);
        assertTrue(a.contains("**B reaches the target**: 64.0 % channel sparsity"), a);
        assertTrue(a.contains("- also: A: 52.0 %"), a);
        // B's paired interval (val − 82 = −4.5 to val − 78 = −0.5) reaches below −2.5 pp.
        assertTrue(a.contains("One seed cannot settle it") && a.contains("reaches -4.5 pp"), a);
        assertFalse(a.contains("C:") || a.contains("D:"), a);
        // B is 64 % but 2.5 pp below: not within the moonshot's 1.5 pp.
        assertTrue(a.contains("The moonshot (60 % within 1.5 pp) is not."), a);
        assertTrue(a.contains("at least 50 % channel sparsity at 77.5 %"), a);

        String moon = Beyond.answer(80, 505, List.of(p("E", 61, 78.5)), null);
        assertTrue(moon.contains("The moonshot is reached too."), moon);
        // E's interval: −3.5 to +0.5: its low end is below −2.5 too; one above it is said so.
        String sure =
                Beyond.answer(
                        80, 505, List.of(new Point("F", 55, 79, new double[] {-1, -2, 0})), null);
        assertTrue(sure.contains("stays above −2.5 pp (its low end: -2.0)"), sure);
    }

    @Test
    void withoutAPointThatMeetsItTheClosestOnEitherSideAreGiven() {
        String a =
                Beyond.answer(
                        80,
                        505,
                        List.of(
                                p("near", 45, 78.0), // within 2.5 pp, the sparsest such
                                p("dense", 10, 80.0), // within, less sparse
                                p("sparse", 55, 76.0), // ≥ 50 %, the most accurate such
                                p("sparser", 70, 70.0)),
                        null);
        assertTrue(a.contains("**No penalty reaches the target.**"), a);
        assertTrue(a.contains("- the sparsest within 2.5 pp: near: 45.0 %"), a);
        assertTrue(a.contains("- the most accurate at 50 % or more: sparse: 55.0 %"), a);
        // Each named point carries its interval and its paired difference.
        assertTrue(a.contains("78.0 % validation [74.2, 81.4]"), a);
        assertTrue(a.contains("-2.0 pp against the original [-4.0, 0.0]"), a);
    }
}
