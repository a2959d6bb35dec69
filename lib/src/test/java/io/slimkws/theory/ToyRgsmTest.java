package io.slimkws.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ToyRgsmTest {
    /**
     * One per test (not static): mutation testing swaps ToyRgsm's code between tests, constructor
     * included.
     */
    final ToyRgsm TOY = new ToyRgsm(8, 3, 24, 40, 0.05, 5);

    @Test
    void theTeachersLossIsTheNoiseVariance() {
        // y = conv(x, teacher) + σ·N(0, 1): ℓ(teacher) = ½·mean over samples of Σ_t noise² ≈
        // ½·22·σ² = 0.0275
        // (880 draws: a relative standard deviation of √(2/880) = 4.8 %).
        assertEquals(0.5 * 22 * 0.05 * 0.05, TOY.loss(TOY.teacher), 0.2 * 0.0275);
    }

    @Test
    void quadraticFormMatchesTheSampleLossAndGradient() {
        double[] w = new double[24];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.sin(i);
        }
        // Gradient from A w - b against central finite differences of the sample-by-sample loss.
        double[] g = TOY.gradient(w);
        for (int i = 0; i < w.length; i++) {
            double[] a = w.clone();
            double[] b = w.clone();
            a[i] += 1e-5;
            b[i] -= 1e-5;
            assertEquals((TOY.loss(a) - TOY.loss(b)) / 2e-5, g[i], 1e-5);
        }
        // ℓ is exactly quadratic: ℓ(w) = ½ w'Aw − b'w + c = ½ w·(∇ℓ(w) + ∇ℓ(0)) + c, with ∇ℓ(0) =
        // −b.
        double[] g0 = TOY.gradient(new double[24]);
        for (int k = 0; k < 3; k++) {
            double[] v = new double[24];
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.cos(3 * i + k) * (k + 1);
            }
            double[] gv = TOY.gradient(v);
            double q = TOY.constant();
            for (int i = 0; i < v.length; i++) {
                q += 0.5 * v[i] * (gv[i] + g0[i]);
            }
            assertEquals(TOY.loss(v), q, 1e-9 * Math.max(1, q));
        }
    }

    @Test
    void withoutNoiseTheTeachersWeightsHaveZeroLossAndTheSecondHalfOfItsChannelsIsZero() {
        ToyRgsm clean = new ToyRgsm(6, 2, 9, 7, 0.0, 3);
        for (int c = 0; c < 6; c++) {
            for (int k = 0; k < 2; k++) {
                double t = clean.teacher[c * 2 + k];
                if (c < 3) {
                    assertTrue(t != 0, "teacher channel " + c + " should be active");
                } else {
                    assertEquals(0.0, t, 0.0, "teacher channel " + c + " should be zero");
                }
            }
        }
        assertEquals(0.0, clean.loss(clean.teacher), 1e-24);
        for (double gi : clean.gradient(clean.teacher)) {
            assertEquals(0.0, gi, 1e-12);
        }
        // Any other weights cost something: ℓ(0) = ½·mean over samples of ‖y_n‖² > 0, and equals
        // the constant c.
        assertEquals(clean.constant(), clean.loss(new double[12]), 1e-12);
        assertTrue(clean.constant() > 0);
    }

    @Test
    void theLipschitzConstantIsTheLargestEigenvalueOfTheHessian() {
        // A v = ∇ℓ(v) − ∇ℓ(0). No Rayleigh quotient v'Av / v'v may exceed L, and a second power
        // iteration (from another start, on A as gradient differences) reaches it.
        double lip = TOY.lipschitz();
        double[] g0 = TOY.gradient(new double[24]);
        Random r = new Random(4);
        double[] v = new double[24];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        double rayleigh = 0;
        for (int it = 0; it < 3000; it++) {
            double[] av = TOY.gradient(v);
            double vv = 0;
            double vav = 0;
            for (int i = 0; i < v.length; i++) {
                av[i] -= g0[i];
                vv += v[i] * v[i];
                vav += v[i] * av[i];
            }
            rayleigh = vav / vv;
            assertTrue(
                    rayleigh <= lip * (1 + 1e-12),
                    "v'Av / v'v = " + rayleigh + " above L = " + lip);
            double n = Math.sqrt(ToyRgsm.dot(av, av));
            for (int i = 0; i < v.length; i++) {
                v[i] = av[i] / n;
            }
        }
        assertEquals(lip, rayleigh, 1e-9 * lip);
    }

    @Test
    void theProxAndTheGroupNormOfTheToyOnAHandCase() {
        ToyRgsm toy = new ToyRgsm(3, 2, 5, 2, 0.1, 1);
        // Groups (3, 4) norm 5, (0.3, 0.4) norm 0.5, (0, −2) norm 2; λ = 1: ×0.8, → 0, ×0.5.
        double[] w = {3, 4, 0.3, 0.4, 0, -2};
        assertArrayEquals(new double[] {2.4, 3.2, 0, 0, 0, -1}, toy.prox(w, 1), 1e-12);
        assertArrayEquals(
                new double[] {3, 4, 0.3, 0.4, 0, -2},
                w,
                0.0,
                "the prox must not write its argument");
        // At the threshold (norm 2 = λ) the group is zero.
        assertArrayEquals(new double[] {1.8, 2.4, 0, 0, 0, 0}, toy.prox(w, 2), 1e-12);
        assertEquals(5 + 0.5 + 2, toy.groupNorm(w), 1e-12);
    }

    @Test
    void theFirstIterateOfRgsmIsTheHandComputedOne() {
        double lambda = 0.12;
        double beta = 0.7;
        double eta = 0.01;
        List<ToyRgsm.Iterate> it = TOY.run(lambda, beta, eta, 1, 9);
        assertEquals(2, it.size());
        // w⁰ = 0.1·N(0, 1) from the seed, u⁰ = Prox(w⁰), written out here.
        Random r = new Random(9);
        double[] w = new double[24];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.1 * r.nextGaussian();
        }
        double[] u = groupSoft(w, lambda);
        double[] g = TOY.gradient(w);
        double gl = 0;
        double d2 = 0;
        double eq = 0;
        int zero = 0;
        double[] w1 = new double[24];
        for (int c = 0; c < 8; c++) {
            double n = 0;
            for (int k = 0; k < 3; k++) {
                n += u[c * 3 + k] * u[c * 3 + k];
            }
            gl += Math.sqrt(n);
            zero += n == 0 ? 1 : 0;
        }
        for (int i = 0; i < 24; i++) {
            d2 += (w[i] - u[i]) * (w[i] - u[i]);
            eq += Math.pow(g[i] - beta * (u[i] - w[i]), 2);
            w1[i] = w[i] - eta * (g[i] + beta * (w[i] - u[i])); // (3.8)
        }
        // Some groups zero and others not, and not half of them (so counting the non-zero groups
        // would show).
        assertTrue(
                zero > 0 && zero < 8 && zero != 4,
                "λ should zero some groups of w⁰, not half: " + zero);
        ToyRgsm.Iterate first = it.get(0);
        assertEquals(0, first.t());
        assertEquals(TOY.loss(w) + beta * lambda * gl + beta / 2 * d2, first.lagrangian(), 1e-12);
        assertEquals(TOY.loss(w), first.loss(), 1e-12);
        assertEquals(Math.sqrt(eq), first.equilibriumResidual(), 1e-12);
        assertEquals(zero, first.zeroGroups());
        double[] u1 = groupSoft(w1, lambda);
        double delta = 0;
        for (int i = 0; i < 24; i++) {
            delta += (w1[i] - w[i]) * (w1[i] - w[i]) + (u1[i] - u[i]) * (u1[i] - u[i]);
        }
        assertEquals(Math.sqrt(delta), first.deltaUw(), 1e-12);
        assertEquals(TOY.loss(w1), it.get(1).loss(), 1e-12);
    }

    @Test
    void atTheLimitEachGroupMeetsTheOptimalityConditionsOfThePaperSign() {
        // From (3.9): ∇ℓ(w̄) = β(ū − w̄) and ū = Prox(w̄). For a kept group ū_g − w̄_g = −λ
        // ū_g/‖ū_g‖, so
        // ∇_g ℓ(w̄) = −βλ ū_g/‖ū_g‖; for a zero group ∇_g ℓ(w̄) = −β w̄_g with ‖w̄_g‖ ≤ λ, so ‖∇_g
        // ℓ‖ ≤ βλ.
        // Checked on the toy's last iterate, rebuilt from the same run's step rule (3.8).
        double lambda = 0.5;
        double beta = 1.0;
        double eta = 0.9 / (TOY.lipschitz() + beta);
        Random r = new Random(1);
        double[] w = new double[24];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.1 * r.nextGaussian();
        }
        for (int t = 0; t < 3000; t++) {
            double[] u = groupSoft(w, lambda);
            double[] g = TOY.gradient(w);
            for (int i = 0; i < 24; i++) {
                w[i] -= eta * (g[i] + beta * (w[i] - u[i]));
            }
        }
        double[] u = groupSoft(w, lambda);
        double[] g = TOY.gradient(w);
        for (int c = 0; c < 8; c++) {
            double un = 0;
            double gn = 0;
            for (int k = 0; k < 3; k++) {
                un += u[c * 3 + k] * u[c * 3 + k];
                gn += g[c * 3 + k] * g[c * 3 + k];
            }
            un = Math.sqrt(un);
            if (un == 0) {
                assertTrue(
                        Math.sqrt(gn) <= beta * lambda + 1e-9,
                        "zero group " + c + ": ‖∇_g ℓ‖ = " + Math.sqrt(gn));
            } else {
                for (int k = 0; k < 3; k++) {
                    int i = c * 3 + k;
                    assertEquals(-beta * lambda * u[i] / un, g[i], 1e-6, "kept group " + c);
                }
            }
        }
        // The library's run reaches the same point: its last residual of (3.9) is that of this
        // iterate.
        List<ToyRgsm.Iterate> it = TOY.run(lambda, beta, eta, 3000, 1);
        double eq = 0;
        for (int i = 0; i < 24; i++) {
            eq += Math.pow(g[i] - beta * (u[i] - w[i]), 2);
        }
        assertEquals(Math.sqrt(eq), it.get(it.size() - 1).equilibriumResidual(), 1e-9);
    }

    /** u_g = max(0, 1 − λ/‖w_g‖) w_g over groups of 3, written out. */
    private static double[] groupSoft(double[] w, double lambda) {
        double[] u = new double[w.length];
        for (int c = 0; c < w.length / 3; c++) {
            double n =
                    Math.sqrt(
                            w[c * 3] * w[c * 3]
                                    + w[c * 3 + 1] * w[c * 3 + 1]
                                    + w[c * 3 + 2] * w[c * 3 + 2]);
            for (int k = 0; k < 3; k++) {
                u[c * 3 + k] = n > lambda ? (1 - lambda / n) * w[c * 3 + k] : 0;
            }
        }
        return u;
    }

    @Test
    void belowTheStepBoundTheLagrangianDescendsAndReachesEquilibrium() {
        double lambda = 0.5;
        double beta = 1.0;
        double eta = 0.9 / (TOY.lipschitz() + beta);
        List<ToyRgsm.Iterate> it = TOY.run(lambda, beta, eta, 3000, 1);
        for (int t = 1; t < it.size(); t++) {
            assertTrue(
                    it.get(t).lagrangian() <= it.get(t - 1).lagrangian() + 1e-12,
                    "ascent at t=" + t);
        }
        ToyRgsm.Iterate last = it.get(it.size() - 1);
        assertTrue(last.deltaUw() < 1e-8, "||Δ(u,w)|| = " + last.deltaUw());
        assertTrue(
                last.equilibriumResidual() < 1e-6,
                "||∇ℓ(w) - β(u - w)|| = " + last.equilibriumResidual());
        assertEquals(0.0, last.proxResidual(), 1e-12);
        assertTrue(
                last.zeroGroups() >= 4,
                "the teacher's four zero channels should be pruned: " + last.zeroGroups());
    }

    @Test
    void farAboveTheBoundItDoesNotDescend() {
        double beta = 1.0;
        double eta = 2.5 / (TOY.lipschitz() + beta);
        List<ToyRgsm.Iterate> it = TOY.run(0.5, beta, eta, 50, 1);
        assertTrue(
                it.get(50).lagrangian() > it.get(0).lagrangian(),
                "expected divergence above 2/(L+β)");
    }
}
