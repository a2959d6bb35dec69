package io.slimkws.prox;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A proximal (thresholding) operator on the input-channel groups of a conv weight tensor [out, in,
 * kh, kw]: group g is every weight that reads input channel g. Implementations are pure: {@link
 * #apply} never changes its argument.
 */
public interface GroupProx {
    /** y* = argmin_y penalty(y) + 1/2 ||y - w||^2, group by group. */
    INDArray apply(INDArray w);

    /** The penalty's value at w (for the Lagrangian); group-separable. */
    double penalty(INDArray w);

    /** Short name for logs and tables, e.g. "GL(0.05)". */
    String name();
}
