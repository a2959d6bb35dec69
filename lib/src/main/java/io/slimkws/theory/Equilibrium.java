package io.slimkws.theory;

import io.slimkws.data.FeatureSet;
import io.slimkws.model.KwsCnn;
import io.slimkws.prox.GroupProx;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The equilibrium system (3.9) of Theorem 1 at the end of an RGSM run, on conv2 (the split
 * variable): ||ū - Prox(w̄)|| and ||∇ℓ(w̄) - β(ū - w̄)||, with ∇ℓ the full-batch gradient over the
 * given examples and dropout off, and the Lagrangian L_β(ū, w̄) on the same examples.
 */
public record Equilibrium(double proxResidual, double gradientResidual, double gradientNorm, double splittingNorm,
                          double lagrangian, double loss) {

    /**
     * @param latent the float weights w̄ at the end of the run
     * @param u      the run's thresholded conv2 weights ū
     */
    public static Equilibrium of(MultiLayerNetwork latent, INDArray u, GroupProx prox, double beta, FeatureSet examples) {
        MultiLayerNetwork net = latent.clone();
        for (int i = 0; i < net.getnLayers(); i++) {
            var layer = net.getLayerWiseConfigurations().getConf(i).getLayer();
            if (layer instanceof BaseLayer b) {
                b.setIDropout(null); // dropout off: ℓ is the deterministic loss
            }
        }
        INDArray w = net.getLayer(KwsCnn.CONV2).getParam("W");
        INDArray grad = w.ulike();
        double loss = 0;
        int n = 0;
        var it = examples.batches(200);
        while (it.hasNext()) {
            DataSet d = it.next();
            net.setInput(d.getFeatures());
            net.setLabels(d.getLabels());
            net.computeGradientAndScore();
            grad.addi(net.gradient().getGradientFor(KwsCnn.CONV2 + "_W")); // summed over the batch
            loss += net.score() * d.numExamples();
            n += d.numExamples();
        }
        grad.divi(n);
        loss /= n;
        INDArray split = u.sub(w).muli(beta);
        double proxRes = u.distance2(prox.apply(w));
        double gradRes = grad.distance2(split);
        double lagrangian = loss + beta * prox.penalty(u) + beta / 2 * Math.pow(w.distance2(u), 2);
        return new Equilibrium(proxRes, gradRes, grad.norm2Number().doubleValue(), split.norm2Number().doubleValue(), lagrangian, loss);
    }
}
