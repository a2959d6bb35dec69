package io.slimkws.prox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each penalty's declaration written out by hand: key, label, parameters, threshold, what it cuts.
 */
class PenaltyTest {
    @Test
    void theGroupWisePenalties() {
        Penalty gl = new GroupLasso(0.05);
        assertEquals("GL", gl.key());
        assertEquals("group Lasso", gl.label());
        assertEquals(Map.of("lambda", 0.05), gl.parameters());
        assertEquals(0.05, gl.threshold());
        assertEquals(Penalty.Cut.GROUP_NORM, gl.cuts());
        assertEquals(new GroupLasso(0.3), gl.atThreshold(0.3));
        assertEquals(new GroupLasso(0.7), gl.withLambda(0.7));
        assertEquals(new GroupLassoProx(0.05), gl.map());

        Penalty l0 = new GroupL0(0.02);
        assertEquals("GL0", l0.key());
        assertEquals("group ℓ0", l0.label());
        assertEquals(Map.of("lambda", 0.02), l0.parameters());
        assertEquals(0.2, l0.threshold(), 1e-15); // √(2 · 0.02)
        assertEquals(Penalty.Cut.GROUP_NORM, l0.cuts());
        assertEquals(new GroupL0(0.005), l0.atThreshold(0.1)); // 0.1²/2, rounded to 10 digits
        assertEquals(new GroupL0(0.3), l0.withLambda(0.3));
        assertEquals(new GroupL0Prox(0.02), l0.map());
    }

    @Test
    void theSparseGroupPenalties() {
        Penalty tl1 = new SparseGroup(new Elementwise(ElementThreshold.TL1, 0.00015, 1), 0.04);
        assertEquals("SGL_TL1", tl1.key());
        assertEquals("group ℓ2 + transformed ℓ1", tl1.label());
        assertEquals(
                List.of("lambda", "lambdaElement", "a"), List.copyOf(tl1.parameters().keySet()));
        assertEquals(List.of(0.04, 0.00015, 1.0), List.copyOf(tl1.parameters().values()));
        assertEquals(0.0003, tl1.threshold(), 1e-15); // λ_e (a + 1)/a
        assertEquals(Penalty.Cut.ELEMENT, tl1.cuts());
        assertEquals(0.04, tl1.lambda());
        assertEquals(
                new SparseGroup(new Elementwise(ElementThreshold.TL1, 0.0005, 1), 0.04),
                tl1.atThreshold(0.001));
        assertEquals(
                new SparseGroup(new Elementwise(ElementThreshold.TL1, 0.00015, 1), 0.1),
                tl1.withLambda(0.1));
        assertEquals(
                new SparseGroupProx(new Elementwise(ElementThreshold.TL1, 0.00015, 1), 0.04),
                tl1.map());
        assertEquals(
                "group ℓ2 + ℓ1",
                new SparseGroup(new Elementwise(ElementThreshold.L1, 0, 0), 1).label());
        assertEquals(
                "group ℓ2 + ℓ0",
                new SparseGroup(new Elementwise(ElementThreshold.L0, 0, 0), 1).label());
        Penalty l1l2 = new SparseGroup(new L1MinusL2(0.001, 1), 0.04);
        assertEquals("SGL_L1L2", l1l2.key());
        assertEquals("group ℓ2 + ℓ1 − ℓ2", l1l2.label());
        assertEquals(
                List.of("lambda", "lambdaElement", "alpha"),
                List.copyOf(l1l2.parameters().keySet()));
        assertEquals(0.001, l1l2.threshold());
        assertEquals(new SparseGroup(new L1MinusL2(0.002, 1), 0.04), l1l2.atThreshold(0.002));
    }

    @Test
    void theRegistryByKey() {
        assertSame(Penalties.REGISTERED.get(1), Penalties.byKey("GL0"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Penalties.byKey("GL2"));
        assertTrue(
                e.getMessage().contains("'GL2'") && e.getMessage().contains("SGL_L1L2"),
                e.getMessage());
        assertEquals(Map.of("a", 1.0, "b", 2.5), Penalty.named("a", 1, "b", 2.5));
        assertEquals(4.5e-8, Penalty.round10(0.0003 * 0.0003 / 2));
    }

    @Test
    void theSparseGroupMapNamesItsParameters() {
        assertEquals(
                "SGL-L1(lambdaElement=0.001, a=0.0, lambdaGroup=0.04)",
                new SparseGroupProx(new Elementwise(ElementThreshold.L1, 0.001, 0), 0.04).name());
    }
}
