package io.slimkws.prox;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

/** Input-channel groups of a conv weight tensor laid out as DL4J keeps it: [out, in, kh, kw]. */
public final class Groups {
    /** The group axis: input channels. */
    public static final int AXIS = 1;

    private Groups() {}

    public static int count(INDArray w) {
        return (int) w.size(AXIS);
    }

    /** ||w_g||_2 for every group g, as a double[]. */
    public static double[] norms(INDArray w) {
        return w.norm2(0, 2, 3).castTo(DataType.DOUBLE).toDoubleVector();
    }

    /** w with group g multiplied by scale[g] (a new array). */
    public static INDArray scaled(INDArray w, double[] scale) {
        INDArray s = Nd4j.createFromArray(scale).castTo(w.dataType());
        return Broadcast.mul(w, s, w.ulike(), AXIS);
    }

    /** The share of groups whose norm is at most {@code tolerance} (0 means exactly zero). */
    public static double sparsity(INDArray w, double tolerance) {
        double[] n = norms(w);
        return (double) countAtMost(n, tolerance) / n.length;
    }

    /** How many of the given group norms are at most {@code tolerance} (0: exactly zero). */
    public static int countAtMost(double[] norms, double tolerance) {
        int k = 0;
        for (double v : norms) {
            if (v <= tolerance) {
                k++;
            }
        }
        return k;
    }
}
