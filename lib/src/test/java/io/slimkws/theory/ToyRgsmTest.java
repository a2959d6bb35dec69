package io.slimkws.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ToyRgsmTest {
    static final ToyRgsm TOY = new ToyRgsm(8, 3, 24, 40, 0.05, 5);

    @Test
    void quadraticFormMatchesTheSampleLossAndGradient() {
        double[] w = new double[24];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.sin(i);
        }
        // Gradient from A w - b against central finite differences of the sample-by-sample loss.
        double[] g = TOY.gradient(w);
        for (int i = 0; i < w.length; i += 5) {
            double[] a = w.clone();
            double[] b = w.clone();
            a[i] += 1e-5;
            b[i] -= 1e-5;
            assertEquals((TOY.loss(a) - TOY.loss(b)) / 2e-5, g[i], 1e-5);
        }
    }

    @Test
    void belowTheStepBoundTheLagrangianDescendsAndReachesEquilibrium() {
        double lambda = 0.5;
        double beta = 1.0;
        double eta = 0.9 / (TOY.lipschitz() + beta);
        List<ToyRgsm.Iterate> it = TOY.run(lambda, beta, eta, 3000, 1);
        for (int t = 1; t < it.size(); t++) {
            assertTrue(it.get(t).lagrangian() <= it.get(t - 1).lagrangian() + 1e-12, "ascent at t=" + t);
        }
        ToyRgsm.Iterate last = it.get(it.size() - 1);
        assertTrue(last.deltaUw() < 1e-8, "||Δ(u,w)|| = " + last.deltaUw());
        assertTrue(last.equilibriumResidual() < 1e-6, "||∇ℓ(w) - β(u - w)|| = " + last.equilibriumResidual());
        assertEquals(0.0, last.proxResidual(), 1e-12);
        assertTrue(last.zeroGroups() >= 4, "the teacher's four zero channels should be pruned: " + last.zeroGroups());
    }

    @Test
    void farAboveTheBoundItDoesNotDescend() {
        double beta = 1.0;
        double eta = 2.5 / (TOY.lipschitz() + beta);
        List<ToyRgsm.Iterate> it = TOY.run(0.5, beta, eta, 50, 1);
        assertTrue(it.get(50).lagrangian() > it.get(0).lagrangian(), "expected divergence above 2/(L+β)");
    }
}
