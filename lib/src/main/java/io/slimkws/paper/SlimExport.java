package io.slimkws.paper;

import io.slimkws.data.FeatureSet;
import io.slimkws.model.KwsCnn;
import io.slimkws.model.SlimModel;
import io.slimkws.train.RunResult;
import java.io.IOException;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The Stage III network exported as a slim model file, read back and checked against the binary
 * network.
 */
public final class SlimExport {
    private SlimExport() {}

    /**
     * Writes {@code <dir>/<run name>.skws}, reads it back, and compares its outputs with the binary
     * network's on {@code check} (at most 200 clips); throws when they differ. Returns the size
     * table: dense float32, pruned float32 (both computed from the architecture) and the file as
     * written.
     */
    public static Table of(RunResult stage3, Path dir, FeatureSet check) throws IOException {
        int k = stage3.mask().keptCount();
        if (k == 0) {
            return Table.create(
                    "Slim model: not exported (every channel was pruned in this run)",
                    StringColumn.create("model"));
        }
        Path file = dir.resolve(stage3.spec().name() + ".skws");
        long bytes = SlimModel.write(stage3.model(), stage3.mask(), file);
        SlimModel.Loaded back = SlimModel.read(file);
        INDArray x = check.slice(0, Math.min(200, check.size())).getFeatures();
        double diff =
                stage3.model()
                        .output(x, false)
                        .sub(back.network().output(x, false))
                        .amaxNumber()
                        .doubleValue();
        if (diff > 1e-4) {
            throw new IllegalStateException(
                    file
                            + " does not compute what the binary network computes: outputs differ"
                            + " by "
                            + diff);
        }
        long dense = 4 * KwsCnn.ARCH.parameters(KwsCnn.CHANNELS);
        long pruned = 4 * KwsCnn.ARCH.parameters(k);
        return Table.create(
                String.format(
                        "Slim model %s: %d of %d channels, 1-bit weights; largest output difference"
                                + " to the binary network on %d clips %.1e",
                        file.getFileName(), k, KwsCnn.CHANNELS, x.size(0), diff),
                StringColumn.create(
                        "model",
                        "dense, float32",
                        "channel-pruned, float32",
                        "channel-pruned, 1-bit packed (this file)"),
                LongColumn.create("bytes", dense, pruned, bytes),
                DoubleColumn.create(
                        "size / dense float",
                        1.0,
                        (double) pruned / dense,
                        (double) bytes / dense));
    }
}
