package io.slimkws.train;

import io.slimkws.data.FeatureSet;
import io.slimkws.data.KwsData;
import io.slimkws.model.KwsCnn;
import io.slimkws.prox.GroupLassoProx;
import io.slimkws.prox.Groups;
import io.slimkws.prox.Lagrangian;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * What the trainer logs at each evaluation: accuracy on the training sample and the validation set
 * and the loss, all at the evaluation weights (u for RGSM/GSBC, the binary weights in Stage III),
 * channel sparsity, ||w − u||, the Lagrangian and conv2's group norms. The trainer loops; this
 * measures.
 */
final class Evaluator {
    private final RunSpec spec;
    private final KwsData data;
    private final MultiLayerNetwork net;
    private final StepState state;
    private final UpdateRule rule;
    private final FeatureSet trainEval;
    private final DataSet lagrangianBatch;
    private final int[] lagrangianRows;
    private MultiLayerNetwork evalNet;

    Evaluator(
            RunSpec spec,
            KwsData data,
            MultiLayerNetwork net,
            StepState state,
            UpdateRule rule,
            FeatureSet trainEval) {
        this.spec = spec;
        this.data = data;
        this.net = net;
        this.state = state;
        this.rule = rule;
        this.trainEval = trainEval;
        this.lagrangianRows = Evaluation.spreadRows(trainEval.size(), 100);
        this.lagrangianBatch = trainEval.rows(lagrangianRows);
    }

    record Metrics(
            double trainAcc,
            double valAcc,
            double sparsity,
            double wMinusU,
            double lagrangian,
            double evalLoss,
            double[] groupNorms) {}

    /** The network with the evaluation weights (u for RGSM/GSBC, binary for BC, else w). */
    public MultiLayerNetwork evaluationNetwork() {
        if (evalNet == null) {
            evalNet = net.clone();
        }
        evalNet.params().assign(net.params());
        INDArray[] ws = {
            evalNet.getLayer(KwsCnn.CONV1).getParam("W"),
            evalNet.getLayer(KwsCnn.CONV2).getParam("W"),
            evalNet.getLayer(KwsCnn.FC).getParam("W")
        };
        rule.evaluationWeights(state, ws);
        return evalNet;
    }

    Metrics evaluate() {
        // L_β(u, w) = ℓ(w) + β λ P(u) + β/2 ||w - u||^2 on a fixed batch, dropout off (μ = βλ,
        // Section 3.1);
        // for GL it is ℓ(w) + μ ||w||_GL.
        MultiLayerNetwork e = evaluationNetwork();
        // Accuracy on the training sample and the loss on its spread batch at the evaluation
        // weights (u for RGSM/GSBC, the binary weights in Stage III), from one forward pass.
        Evaluation.Scores train = Evaluation.scores(e, trainEval, lagrangianRows);
        // ℓ(w), the Lagrangian's own term: the same number where the evaluation weights are w.
        double loss =
                e.params().sub(net.params()).norm1Number().doubleValue() == 0
                        ? train.loss()
                        : Evaluation.loss(net, lagrangianBatch);
        INDArray w = state.conv2W();
        INDArray u = rule.u(state);
        Hyper h = spec.hyper();
        double wMinusU = 0;
        double lagrangian = loss;
        if (u != null) {
            wMinusU = w.distance2(u);
            lagrangian = Lagrangian.of(loss, h.beta(), h.groupProx(), w, u);
        } else if (spec.algorithm() == Algorithm.GL) {
            lagrangian += new GroupLassoProx(h.mu()).penalty(w);
        }
        INDArray evalW2 = e.getLayer(KwsCnn.CONV2).getParam("W");
        double tol = spec.algorithm() == Algorithm.GL ? Trainer.GL_TOLERANCE : 0.0;
        // Accuracy and loss at the evaluation weights: u for RGSM/GSBC, the binary weights in Stage
        // III.
        int right = 0;
        for (boolean c : train.correct()) {
            right += c ? 1 : 0;
        }
        return new Metrics(
                trainEval.size() == 0 ? Double.NaN : 100.0 * right / trainEval.size(),
                Evaluation.accuracy(e, data.validation()),
                100 * Groups.sparsity(evalW2, tol),
                wMinusU,
                lagrangian,
                train.loss(),
                Groups.norms(evalW2));
    }
}
