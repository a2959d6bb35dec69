package io.slimkws.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.slimkws.prox.ElementThreshold;
import io.slimkws.prox.Elementwise;
import io.slimkws.prox.GroupL0;
import io.slimkws.prox.SparseGroup;
import org.junit.jupiter.api.Test;

/**
 * The run identity of the hyper-parameters, as text written out by hand (cached runs of the paper's
 * rules keep it).
 */
class HyperTest {
    @Test
    void thePaperFieldsThenThePenaltysKeyThenItsOtherParametersByName() {
        assertEquals("beta=1.0 lambda=0.05 mu=0.0 rho=0.0 prox=GL", Hyper.rgsm(0.05, 1).describe());
        assertEquals("beta=0.0 lambda=0.0 mu=0.6 rho=0.0 prox=GL", Hyper.gl(0.6).describe());
        assertEquals("beta=0.0 lambda=0.0 mu=0.0 rho=8.0E-5 prox=GL", Hyper.bc(8e-5).describe());
        assertEquals(
                "beta=1.0 lambda=0.005 mu=0.0 rho=0.0 prox=GL0",
                Hyper.rgsm(new GroupL0(0.005), 1).describe());
        assertEquals(
                "beta=1.0 lambda=0.05 mu=0.0 rho=0.0 prox=SGL_L1 lambdaElement=0.01 a=0.0",
                Hyper.rgsm(new SparseGroup(new Elementwise(ElementThreshold.L1, 0.01, 0), 0.05), 1)
                        .describe());
        assertEquals(
                "beta=1.0 lambda=0.04 mu=0.0 rho=0.0 prox=SGL_TL1 lambdaElement=1.5E-4 a=1.0",
                Hyper.rgsm(
                                new SparseGroup(
                                        new Elementwise(ElementThreshold.TL1, 0.00015, 1), 0.04),
                                1)
                        .describe());
    }

    @Test
    void muAndRhoAreInTheIdentityAndAPenaltyIsRequired() {
        assertNotEquals(Hyper.gl(0.6).describe(), Hyper.gl(0.5).describe(), "μ");
        assertNotEquals(Hyper.bc(0.1).describe(), Hyper.bc(0.2).describe(), "ρ");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Hyper(1, 0, 0, null));
        assertEquals(true, e.getMessage().contains("penalty"), e.getMessage());
    }
}
