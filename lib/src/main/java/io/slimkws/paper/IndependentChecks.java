package io.slimkws.paper;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Second computations of what the trainer computed, written out in plain loops, so that a check of
 * a trained model never compares the code with itself (notebook 07's binary weights).
 */
public final class IndependentChecks {
    private IndependentChecks() {}

    /**
     * The scale a of proj_Q (3.14): the mean |w| over the entries where {@code mask} is 1 (all when
     * null).
     */
    public static double meanAbs(INDArray w, INDArray mask) {
        double[] v = w.dup('c').data().asDouble();
        double[] m = mask == null ? null : mask.dup('c').data().asDouble();
        double sum = 0;
        long count = 0;
        for (int i = 0; i < v.length; i++) {
            if (m == null || m[i] != 0) {
                sum += Math.abs(v[i]);
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }
}
