package io.slimkws.train;

import io.slimkws.model.ChannelMask;
import io.slimkws.model.KwsCnn;
import io.slimkws.prox.Groups;
import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import tech.tablesaw.api.Table;

/**
 * A finished run: its spec, folder, final validation and test accuracy (%) measured with the
 * evaluation weights, channel sparsity (%), the kept-channel mask, steps and wall time.
 */
public record RunResult(
        RunSpec spec,
        Path dir,
        double valAcc,
        double testAcc,
        double sparsity,
        ChannelMask mask,
        int steps,
        double seconds,
        boolean fromCache) {

    public static final String MODEL = "model.zip";
    public static final String LATENT = "latent.zip";

    /** The per-evaluation log as a table. */
    public Table log() throws IOException {
        return TrainingLog.table(dir.resolve("log.csv"));
    }

    /** The trained network with its evaluation weights (u, or binary), as saved. */
    public MultiLayerNetwork model() throws IOException {
        return ModelSerializer.restoreMultiLayerNetwork(dir.resolve(MODEL).toFile(), false);
    }

    /** ||u_g|| (or ||w_g||) of conv2's 64 input-channel groups in the saved evaluation weights. */
    public double[] groupNorms() throws IOException {
        return Groups.norms(model().getLayer(KwsCnn.CONV2).getParam("W"));
    }

    /**
     * The float weights w at the end of the run (differ from {@link #model()} for RGSM, GSBC, BC).
     */
    public MultiLayerNetwork latentModel() throws IOException {
        return ModelSerializer.restoreMultiLayerNetwork(dir.resolve(LATENT).toFile(), false);
    }
}
