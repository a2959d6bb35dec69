package io.slimkws.paper;

import io.slimkws.audio.Mfcc;
import io.slimkws.audio.Wav;
import io.slimkws.data.FeatureSet;
import io.slimkws.data.Labels;
import io.slimkws.model.KwsCnn;
import io.slimkws.model.SlimModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Classifies WAV files with a trained model: a slim model file (.skws), a run folder of {@code
 * runs/<profile>/} (its model.zip) or a model.zip. Paths are WAV files or folders, searched
 * recursively; a clip's true label is its folder's name when that is one of the 12 labels, or
 * {@code _unknown_} for another word's folder inside a given folder (the dataset layouts); loose
 * files elsewhere get a prediction only. {@code _background_noise_} is skipped; unreadable WAVs are
 * named in one summary, never dropped silently.
 *
 * <pre>environment/run-java io.slimkws.paper.Classify MODEL PATH...</pre>
 */
public final class Classify {
    /** A WAV that could not be classified, and why. */
    public record BadWav(Path file, String reason) {}

    /**
     * Per-file predictions (with truth where known), per-class accuracy, the confusion matrix and
     * the unreadable files.
     */
    public record Result(Table predictions, Table perClass, Table confusion, List<BadWav> bad) {}

    private Classify() {}

    /**
     * The network of a .skws file, a run folder or a model.zip; anything else is named with what
     * was expected.
     */
    public static MultiLayerNetwork load(Path model) throws IOException {
        if (Files.isDirectory(model)) {
            Path zip = model.resolve("model.zip");
            if (!Files.isRegularFile(zip)) {
                throw new IOException(
                        model
                                + " is a folder without model.zip: expected a finished run folder"
                                + " of runs/<profile>/");
            }
            return ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
        }
        if (!Files.isRegularFile(model)) {
            throw new IOException(
                    "model "
                            + model
                            + " does not exist: expected a .skws file, a run folder or a"
                            + " model.zip");
        }
        if (model.toString().endsWith(".skws")) {
            return SlimModel.read(model).network();
        }
        if (model.toString().endsWith(".zip")) {
            return ModelSerializer.restoreMultiLayerNetwork(model.toFile(), false);
        }
        throw new IOException("model " + model + " is neither a .skws slim model nor a model.zip");
    }

    /** Every WAV under {@code paths}, each with its true label or null. */
    static List<Object[]> clips(List<Path> paths) throws IOException {
        List<Object[]> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (var s = Files.walk(p)) {
                    for (Path f :
                            s.filter(
                                            x ->
                                                    Files.isRegularFile(x)
                                                            && x.toString()
                                                                    .toLowerCase()
                                                                    .endsWith(".wav"))
                                    .sorted()
                                    .toList()) {
                        String folder = f.getParent().getFileName().toString();
                        if (folder.equals("_background_noise_")) {
                            continue;
                        }
                        String truth =
                                Labels.ALL.contains(folder)
                                        ? folder
                                        : f.getParent().equals(p) ? null : Labels.UNKNOWN;
                        out.add(new Object[] {f, truth});
                    }
                }
            } else if (Files.isRegularFile(p)) {
                Path parent = p.toAbsolutePath().getParent();
                String folder = parent == null ? "" : parent.getFileName().toString();
                out.add(new Object[] {p, Labels.ALL.contains(folder) ? folder : null});
            } else {
                throw new IOException(p + " does not exist: expected WAV files or folders of them");
            }
        }
        return out;
    }

    public static Result run(MultiLayerNetwork net, List<Path> paths) throws IOException {
        List<Object[]> all = clips(paths);
        StringColumn file = StringColumn.create("file");
        StringColumn predicted = StringColumn.create("predicted");
        DoubleColumn prob = DoubleColumn.create("probability %");
        StringColumn truth = StringColumn.create("true label");
        List<BadWav> bad = new ArrayList<>();
        int[][] confusion = new int[Labels.COUNT][Labels.COUNT];
        Mfcc mfcc = new Mfcc();
        float[] x = new float[FeatureSet.DIM];
        for (Object[] c : all) {
            Path f = (Path) c[0];
            float[] wave;
            try {
                wave = Wav.readClip(f);
            } catch (IOException e) {
                bad.add(new BadWav(f, e.getMessage()));
                continue;
            }
            mfcc.mfccInto(wave, x, 0);
            INDArray out =
                    net.output(
                            Nd4j.create(x, new long[] {1, 1, KwsCnn.FRAMES, KwsCnn.COEFFS}, 'c'),
                            false);
            int best = out.argMax(1).getInt(0);
            file.append(f.toString());
            predicted.append(Labels.name(best));
            prob.append(100 * out.getDouble(0, best));
            String t = (String) c[1];
            truth.append(t == null ? "" : t);
            if (t != null) {
                confusion[Labels.index(t)][best]++;
            }
        }
        prob.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        Table predictions = Table.create("Predictions", file, predicted, prob, truth);
        StringColumn label = StringColumn.create("label");
        IntColumn clips = IntColumn.create("clips");
        IntColumn right = IntColumn.create("correct");
        DoubleColumn acc = DoubleColumn.create("accuracy %");
        Table matrix =
                Table.create(
                        "Confusion matrix (rows: true label, columns: predicted)",
                        StringColumn.create("true \\ predicted"));
        for (String l : Labels.ALL) {
            matrix.addColumns(IntColumn.create(l));
        }
        int total = 0;
        int correct = 0;
        for (int i = 0; i < Labels.COUNT; i++) {
            int n = Arrays.stream(confusion[i]).sum();
            if (n == 0) {
                continue;
            }
            label.append(Labels.name(i));
            clips.append(n);
            right.append(confusion[i][i]);
            acc.append(100.0 * confusion[i][i] / n);
            total += n;
            correct += confusion[i][i];
            matrix.stringColumn(0).append(Labels.name(i));
            for (int j = 0; j < Labels.COUNT; j++) {
                matrix.intColumn(j + 1).append(confusion[i][j]);
            }
        }
        if (total > 0) {
            label.append("all");
            clips.append(total);
            right.append(correct);
            acc.append(100.0 * correct / total);
        }
        acc.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        return new Result(
                predictions,
                Table.create("Accuracy per class", label, clips, right, acc),
                matrix,
                bad);
    }
}
