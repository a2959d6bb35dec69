package io.slimkws.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The per-evaluation log of a run, kept as CSV: step, epoch, learning rate, train loss, train and
 * validation accuracy (%), channel sparsity (%), ||w - u||, the Lagrangian L_β(u, w) on a fixed
 * batch, ||(u, w)^{t+1} - (u, w)^t||, wall seconds, the loss at the evaluation weights on that
 * batch (u for RGSM/GSBC, the binary weights in Stage III), and the 64 group norms of conv2's
 * evaluation weights. Row 0 is the evaluation before the first step (train_loss is empty there).
 */
public final class TrainingLog {
    public static final String[] COLUMNS = {"step", "epoch", "lr", "train_loss", "train_acc", "val_acc", "sparsity",
        "w_minus_u", "lagrangian", "delta_uw", "seconds", "eval_loss"};
    /** Column of the wall seconds (resume reads it). */
    public static final int SECONDS = 10;
    private final List<String> rows = new ArrayList<>();

    public void add(int step, double epoch, double lr, double trainLoss, double trainAcc, double valAcc, double sparsity,
                    double wMinusU, double lagrangian, double deltaUw, double seconds, double[] groupNorms, double evalLoss) {
        StringBuilder b = new StringBuilder();
        b.append(step);
        for (double v : new double[] {epoch, lr, trainLoss, trainAcc, valAcc, sparsity, wMinusU, lagrangian, deltaUw, seconds, evalLoss}) {
            b.append(',').append(fmt(v));
        }
        for (double v : groupNorms) {
            b.append(',').append(fmt(v));
        }
        rows.add(b.toString());
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return String.format(Locale.ROOT, "%.9g", v);
    }

    public List<String> rows() {
        return List.copyOf(rows);
    }

    public void restore(List<String> rows) {
        this.rows.clear();
        this.rows.addAll(rows);
    }

    public static String header(int groups) {
        StringBuilder b = new StringBuilder(String.join(",", COLUMNS));
        for (int g = 1; g <= groups; g++) {
            b.append(",g").append(g);
        }
        return b.toString();
    }

    public String csv(int groups) {
        return header(groups) + "\n" + String.join("\n", rows) + (rows.isEmpty() ? "" : "\n");
    }

    public void write(Path file, int groups) throws IOException {
        io.slimkws.files.AtomicFiles.write(file, csv(groups));
    }

    public static List<String> readRows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return lines.isEmpty() ? List.of() : new ArrayList<>(lines.subList(1, lines.size()));
    }

    public static Table table(Path file) throws IOException {
        return Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).tableName(file.getParent().getFileName().toString()));
    }
}
