package io.slimkws.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slimkws.TinyCorpus;
import io.slimkws.data.Clip;
import io.slimkws.data.FeatureCache;
import io.slimkws.data.Labels;
import io.slimkws.data.Split;
import io.slimkws.model.KwsCnn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * Classify predicts what the network predicts on the evaluation pipeline's features, takes the true
 * label from the folder (another word's folder is _unknown_), counts the confusion matrix from its
 * own predictions, skips the background noise and names an unreadable WAV.
 */
class ClassifyTest {
    @TempDir Path tmp;

    @Test
    void predictionsTruthsAndTheConfusionMatrix() throws Exception {
        Path root = TinyCorpus.write(tmp.resolve("corpus"));
        Files.writeString(root.resolve("yes").resolve("broken.wav"), "not a wav");
        MultiLayerNetwork net = KwsCnn.build(5);
        Classify.Result r = Classify.run(net, List.of(root));
        // 11 words × 6 speakers; the broken file is named, the background noise is not a clip.
        assertEquals(66, r.predictions().rowCount());
        assertEquals(1, r.bad().size());
        assertTrue(r.bad().get(0).file().endsWith("broken.wav"));

        // The same clips through the feature cache (the evaluation pipeline), one batch: same
        // argmax.
        List<Clip> clips = new ArrayList<>();
        Table p = r.predictions();
        for (int i = 0; i < p.rowCount(); i++) {
            String t = p.stringColumn("true label").get(i);
            clips.add(
                    new Clip(
                            Path.of(p.stringColumn("file").get(i)),
                            Labels.index(t),
                            t,
                            "x",
                            Split.TESTING));
        }
        var feats = FeatureCache.compute(clips, null, "k", 1);
        var argmax = net.output(feats.slice(0, feats.size()).getFeatures(), false).argMax(1);
        for (int i = 0; i < p.rowCount(); i++) {
            assertEquals(
                    Labels.name(argmax.getInt(i)),
                    p.stringColumn("predicted").get(i),
                    p.stringColumn("file").get(i));
        }
        // "cat" is another word: _unknown_; the confusion matrix counts (truth, prediction) pairs.
        assertEquals(6, p.where(p.stringColumn("true label").isEqualTo(Labels.UNKNOWN)).rowCount());
        int pairs = 0;
        for (int i = 0; i < p.rowCount(); i++) {
            pairs +=
                    p.stringColumn("true label").get(i).equals("yes")
                                    && p.stringColumn("predicted").get(i).equals("no")
                            ? 1
                            : 0;
        }
        Table m = r.confusion();
        int yesRow = m.stringColumn(0).indexOf("yes");
        assertEquals(pairs, m.intColumn("no").get(yesRow));
        assertEquals(66, (int) r.perClass().intColumn("clips").get(r.perClass().rowCount() - 1));
    }

    @Test
    void aMissingModelOrPathIsNamed() {
        var e = assertThrows(IOException.class, () -> Classify.load(tmp.resolve("none.skws")));
        assertTrue(
                e.getMessage().contains("none.skws") && e.getMessage().contains("expected"),
                e.getMessage());
        var f =
                assertThrows(
                        IOException.class,
                        () -> Classify.run(KwsCnn.build(1), List.of(tmp.resolve("nowhere"))));
        assertTrue(f.getMessage().contains("nowhere"), f.getMessage());
    }
}
