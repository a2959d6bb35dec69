package io.slimkws.prox;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The thresholding step of the sparse-group family (Bui et al. 2021): the inner penalty's map on
 * every group (input channel), then group soft-thresholding at λ_g, y_g = z_g max(||z_g|| - λ_g, 0)
 * / ||z_g|| with z_g = prox_inner(w_g). For an inner ℓ1 this composition is the exact prox of
 * λ_e||y||_1 + λ_g||y||_GL; for the nonconvex inner penalties it is the thresholding step of their
 * splitting algorithm.
 */
public record SparseGroupProx(InnerProx inner, double lambdaGroup) implements GroupProx {

    @Override
    public INDArray apply(INDArray w) {
        double[] v = w.castTo(DataType.DOUBLE).data().asDouble();
        int[][] groups = groupIndices(w);
        for (int[] idx : groups) {
            double[] x = new double[idx.length];
            for (int i = 0; i < idx.length; i++) {
                x[i] = v[idx[i]];
            }
            double[] y = inner.apply(x);
            for (int i = 0; i < idx.length; i++) {
                v[idx[i]] = y[i];
            }
        }
        INDArray z = Nd4j.create(v, w.shape(), 'c').castTo(w.dataType());
        return new GroupLassoProx(lambdaGroup).apply(z);
    }

    @Override
    public double penalty(INDArray w) {
        double[] v = w.castTo(DataType.DOUBLE).data().asDouble();
        double e = 0;
        for (int[] idx : groupIndices(w)) {
            double[] x = new double[idx.length];
            for (int i = 0; i < idx.length; i++) {
                x[i] = v[idx[i]];
            }
            e += inner.penalty(x);
        }
        return e + new GroupLassoProx(lambdaGroup).penalty(w);
    }

    /**
     * For each input channel g of [out, in, kh, kw] in c order, the flat indices of its weights.
     */
    private static int[][] groupIndices(INDArray w) {
        int out = (int) w.size(0);
        int in = (int) w.size(Groups.AXIS);
        int per = (int) (w.length() / (out * (long) in));
        int[][] idx = new int[in][out * per];
        for (int o = 0; o < out; o++) {
            for (int g = 0; g < in; g++) {
                for (int k = 0; k < per; k++) {
                    idx[g][o * per + k] = (o * in + g) * per + k;
                }
            }
        }
        return idx;
    }

    @Override
    public String name() {
        StringBuilder b = new StringBuilder("SGL-" + inner.key() + "(");
        inner.parameters().forEach((k, v) -> b.append(k).append('=').append(v).append(", "));
        return b.append("lambdaGroup=").append(lambdaGroup).append(')').toString();
    }
}
