package io.slimkws.prox;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The nonconvex sparse-group family (Bui et al. 2021): an element-wise threshold (L1, L0 or
 * transformed L1, weight λ_e) followed by group soft-thresholding (weight λ_g):
 * y_g = z_g max(||z_g|| - λ_g, 0) / ||z_g|| with z = threshold(w). For L1 this composition is
 * the exact prox of λ_e||y||_1 + λ_g||y||_GL; for the nonconvex penalties it is the thresholding
 * step of their splitting algorithm.
 */
public record SparseGroupProx(ElementThreshold element, double lambdaElement, double lambdaGroup, double a)
        implements GroupProx {

    @Override
    public INDArray apply(INDArray w) {
        double[] v = w.castTo(DataType.DOUBLE).data().asDouble();
        for (int i = 0; i < v.length; i++) {
            v[i] = element.apply(v[i], lambdaElement, a);
        }
        INDArray z = Nd4j.create(v, w.shape(), 'c').castTo(w.dataType());
        return new GroupLassoProx(lambdaGroup).apply(z);
    }

    @Override
    public double penalty(INDArray w) {
        double e = 0;
        for (double x : w.castTo(DataType.DOUBLE).data().asDouble()) {
            e += element.penalty(x, a);
        }
        return lambdaElement * e + new GroupLassoProx(lambdaGroup).penalty(w);
    }

    @Override
    public String name() {
        return "SGL-" + element + "(" + lambdaElement + "," + lambdaGroup + (element == ElementThreshold.TL1 ? ",a=" + a : "") + ")";
    }
}
