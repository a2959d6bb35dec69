package io.slimkws.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The run identity of the hyper-parameters: every field that changes a run changes its text. */
class HyperTest {
    @Test
    void thePaperFieldsAreNamedAndTheSparseGroupFieldsOnlyForTheSparseGroupFamily() {
        assertEquals("beta=1.0 lambda=0.05 mu=0.0 rho=0.0 prox=GL", Hyper.rgsm(0.05, 1).describe());
        assertEquals("beta=1.0 lambda=0.05 mu=0.0 rho=0.0 prox=SGL_L1 lambdaElement=0.01 a=0.0",
                Hyper.rgsm(Hyper.Prox.SGL_L1, 0.05, 1, 0.01, 0).describe());
        for (Hyper.Prox p : Hyper.Prox.values()) {
            assertEquals(p != Hyper.Prox.GL && p != Hyper.Prox.GL0, p.sparseGroup(), p + ": has an element threshold");
        }
    }

    @Test
    void everyPenaltyAndEveryFieldItUsesGivesADifferentIdentity() {
        Set<String> seen = new HashSet<>();
        for (Hyper.Prox p : Hyper.Prox.values()) {
            Hyper h = Hyper.rgsm(p, 0.05, 1, 0.01, 0.5);
            assertTrue(seen.add(h.describe()), p + " shares its identity");
            assertTrue(seen.add(Hyper.rgsm(p, 0.06, 1, 0.01, 0.5).describe()), p + ": λ not in the identity");
            assertTrue(seen.add(Hyper.rgsm(p, 0.05, 2, 0.01, 0.5).describe()), p + ": β not in the identity");
            if (p.sparseGroup()) {
                assertTrue(seen.add(Hyper.rgsm(p, 0.05, 1, 0.02, 0.5).describe()), p + ": λ_e not in the identity");
                assertTrue(seen.add(Hyper.rgsm(p, 0.05, 1, 0.01, 0.7).describe()), p + ": a not in the identity");
            }
        }
        assertFalse(Hyper.gl(0.6).describe().equals(Hyper.gl(0.5).describe()), "μ");
        assertFalse(Hyper.bc(0.1).describe().equals(Hyper.bc(0.2).describe()), "ρ");
        assertThrows(IllegalArgumentException.class, () -> new Hyper(1, 0.05, 0, 0, null));
    }
}
