package io.slimkws.prox;

import static io.slimkws.prox.ProxBruteForceTest.GROUPS;
import static io.slimkws.prox.ProxBruteForceTest.bruteForce;
import static io.slimkws.prox.ProxBruteForceTest.dist2;
import static io.slimkws.prox.ProxBruteForceTest.group;
import static io.slimkws.prox.ProxBruteForceTest.norm;
import static io.slimkws.prox.ProxBruteForceTest.weights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.slimkws.theory.NumericMin;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every registered penalty's map against a reference computed by numeric minimisation of the
 * problem the map is defined by, at thresholds that cut part of the weights (the penalty set at the
 * median group norm, or its inner dead zone at the median |w|). A penalty registered in {@link
 * Penalties#REGISTERED} without a reference here fails {@link
 * #everyRegisteredPenaltyHasABruteForceReference}, by name.
 */
class PenaltyBruteForceTest {
    /** The reference map of one group: its weights in, the brute-force output out. */
    @FunctionalInterface
    interface Reference {
        double[] of(Penalty p, double[] wg, Random r);
    }

    /** The brute-force reference of each penalty, by key. */
    static final Map<String, Reference> REFERENCES = new HashMap<>();

    static {
        REFERENCES.put("GL", (p, wg, r) -> groupLasso(p.lambda(), wg, r));
        // Group ℓ0: λ·1{y ≠ 0} + ||y − w||²/2 is minimised by y = w off zero (cost λ) or by 0;
        // compare the two.
        REFERENCES.put(
                "GL0",
                (p, wg, r) ->
                        0.5 * dist2(new double[wg.length], wg) <= p.lambda()
                                ? new double[wg.length]
                                : wg.clone());
        // Element-wise inner penalties: each weight's scalar problem by 1-D search, then the group
        // Lasso problem by search.
        REFERENCES.put("SGL_L1", PenaltyBruteForceTest::elementwiseThenGroup);
        REFERENCES.put("SGL_TL1", PenaltyBruteForceTest::elementwiseThenGroup);
        REFERENCES.put("SGL_L0", PenaltyBruteForceTest::elementwiseThenGroup);
        // ℓ1 − ℓ2 on the whole group (not separable): search from w and from each 1-sparse copy of
        // w, then group Lasso.
        REFERENCES.put(
                "SGL_L1L2",
                (p, wg, r) ->
                        groupLasso(
                                p.lambda(),
                                innerFromSparseStarts(((SparseGroup) p).inner(), wg),
                                r));
    }

    static double[] groupLasso(double lambda, double[] z, Random r) {
        ToDoubleFunction<double[]> f = v -> lambda * norm(v) + 0.5 * dist2(v, z);
        return bruteForce(f, z, r);
    }

    static double[] innerFromSparseStarts(InnerProx inner, double[] wg) {
        ToDoubleFunction<double[]> f = v -> inner.penalty(v) + 0.5 * dist2(v, wg);
        double[] best = new double[wg.length];
        for (int k = -1; k < wg.length; k++) {
            double[] s = k < 0 ? wg.clone() : new double[wg.length];
            if (k >= 0) {
                s[k] = wg[k];
            }
            double[] x = NumericMin.minimize(f, s, 0.1, 6);
            if (f.applyAsDouble(x) < f.applyAsDouble(best)) {
                best = x;
            }
        }
        return best;
    }

    static double[] elementwiseThenGroup(Penalty p, double[] wg, Random r) {
        Elementwise e = (Elementwise) ((SparseGroup) p).inner();
        double[] z = new double[wg.length];
        for (int i = 0; i < wg.length; i++) {
            double x = wg[i];
            DoubleUnaryOperator f =
                    y ->
                            e.lambdaElement() * e.threshold().penalty(y, e.a())
                                    + 0.5 * (y - x) * (y - x);
            double y = NumericMin.minimize1d(f, -Math.abs(x) - 1, Math.abs(x) + 1);
            z[i] = f.applyAsDouble(0) <= f.applyAsDouble(y) ? 0 : y;
        }
        return groupLasso(p.lambda(), z, r);
    }

    /**
     * The registered penalty set to cut these weights: at the median group norm, or (sparse-group)
     * its dead zone at the median |w| and λ a third of the median norm.
     */
    static Penalty cutting(Penalty p, INDArray w) {
        double[] norms = Groups.norms(w);
        Arrays.sort(norms);
        // Between two values, never at one: at a threshold a nonconvex map has two minimisers.
        double medianNorm = (norms[norms.length / 2 - 1] + norms[norms.length / 2]) / 2;
        if (p instanceof SparseGroup sg) {
            double[] abs =
                    Arrays.stream(w.dup().data().asDouble()).map(Math::abs).sorted().toArray();
            return new SparseGroup(
                    sg.inner().atDeadZone((abs[abs.length / 2 - 1] + abs[abs.length / 2]) / 2),
                    medianNorm / 3);
        }
        return p.atThreshold(medianNorm);
    }

    @Test
    void everyRegisteredPenaltyHasABruteForceReference() {
        for (Penalty p : Penalties.REGISTERED) {
            if (!REFERENCES.containsKey(p.key())) {
                fail(
                        "the penalty "
                                + p.key()
                                + " ("
                                + p.getClass().getSimpleName()
                                + ") is registered in Penalties.REGISTERED without a"
                                + " brute-force reference in PenaltyBruteForceTest.REFERENCES");
            }
        }
    }

    @Test
    void everyRegisteredPenaltysMapMatchesItsBruteForceReference() {
        for (Penalty registered : Penalties.REGISTERED) {
            Reference ref = REFERENCES.get(registered.key());
            if (ref == null) {
                continue; // named by the test above
            }
            Random r = new Random(registered.key().hashCode());
            for (int trial = 0; trial < 3; trial++) {
                INDArray w = weights(r);
                Penalty p = cutting(registered, w);
                INDArray y = p.map().apply(w);
                int zeroGroups = 0;
                for (int g = 0; g < GROUPS; g++) {
                    double[] wg = group(w, g);
                    double[] expected = ref.of(p, wg, r);
                    double[] got = group(y, g);
                    for (int i = 0; i < got.length; i++) {
                        assertEquals(
                                expected[i],
                                got[i],
                                1e-6,
                                p.key() + " trial " + trial + " group " + g + " weight " + i);
                    }
                    zeroGroups += norm(got) == 0 ? 1 : 0;
                }
                assertTrue(
                        zeroGroups > 0 && zeroGroups < GROUPS,
                        p.key()
                                + ": the check should cut some groups and keep others, cut "
                                + zeroGroups);
            }
        }
    }

    @Test
    void theThresholdAPenaltyReportsIsWhereItsMapStartsToZero() {
        // A group (group-wise penalties) or a weight (sparse-group) just inside the threshold goes
        // to zero, just outside it does not.
        for (Penalty registered : Penalties.REGISTERED) {
            Penalty p = registered.atThreshold(0.3);
            assertEquals(0.3, p.threshold(), 1e-9, p.key());
            for (double scale : new double[] {0.99, 1.01}) {
                double v = 0.3 * scale;
                // One group of four weights (plus a large one for the sparse-group maps, so the
                // group survives λ).
                double[] x =
                        p.cuts() == Penalty.Cut.GROUP_NORM
                                ? new double[] {v, 0, 0, 0}
                                : new double[] {v, 5, 0, 0};
                INDArray w = Nd4j.create(x, new long[] {1, 1, 1, 4}, 'c').castTo(DataType.DOUBLE);
                double out = p.map().apply(w).getDouble(0, 0, 0, 0);
                assertEquals(
                        scale < 1,
                        out == 0,
                        p.key() + ": |x| = " + v + " against the threshold 0.3 gives " + out);
            }
        }
    }
}
