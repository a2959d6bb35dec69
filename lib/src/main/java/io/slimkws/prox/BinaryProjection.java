package io.slimkws.prox;

import java.util.SortedSet;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * proj_Q (3.13)-(3.14): the closest point of Q = R+ x {±1}^D to w in Euclidean distance is (Σ|w_j|
 * / D) sgn(w), with sgn(0) = +1. Applied per layer; with a mask, only the unmasked weights count
 * (masked ones stay exactly 0 and do not lower the mean).
 */
public final class BinaryProjection {
    private BinaryProjection() {}

    /** The scale a = mean |w_j| over the weights where {@code mask} is 1 (all when null). */
    public static double scale(INDArray w, INDArray mask) {
        if (mask == null) {
            return w.norm1Number().doubleValue() / w.length();
        }
        double kept = mask.sumNumber().doubleValue();
        return kept == 0 ? 0 : Transforms.abs(w.mul(mask), true).sumNumber().doubleValue() / kept;
    }

    /** a sgn(w) (times the mask when given): a new array. */
    public static INDArray project(INDArray w, INDArray mask) {
        double a = scale(w, mask);
        // sgn with sgn(0) = +1, as (3.14): step(w >= 0) * 2 - 1.
        INDArray sign = w.gte(0).castTo(w.dataType()).muli(2).subi(1);
        INDArray out = sign.muli(a);
        return mask == null ? out : out.muli(mask);
    }

    public static INDArray project(INDArray w) {
        return project(w, null);
    }

    /** Distinct values of an array (for checking that a layer is binary). */
    public static SortedSet<Float> distinct(INDArray w) {
        SortedSet<Float> s = new TreeSet<>();
        for (float v : w.castTo(DataType.FLOAT).data().asFloat()) {
            s.add(v);
        }
        return s;
    }
}
