package io.slimkws.train;

import io.slimkws.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
    public static final String[] COLUMNS = {
        "step",
        "epoch",
        "lr",
        "train_loss",
        "train_acc",
        "val_acc",
        "sparsity",
        "w_minus_u",
        "lagrangian",
        "delta_uw",
        "seconds",
        "eval_loss"
    };
    private final List<Row> rows = new ArrayList<>();

    /**
     * One evaluation of a run: the fields of {@link #COLUMNS} and conv2's group norms (NaN: not
     * measured).
     */
    public record Row(
            int step,
            double epoch,
            double lr,
            double trainLoss,
            double trainAcc,
            double valAcc,
            double sparsity,
            double wMinusU,
            double lagrangian,
            double deltaUw,
            double seconds,
            double evalLoss,
            double[] groupNorms) {
        /** The row as a CSV line in the order of the header. */
        public String csv() {
            StringBuilder b = new StringBuilder();
            b.append(step);
            for (double v :
                    new double[] {
                        epoch,
                        lr,
                        trainLoss,
                        trainAcc,
                        valAcc,
                        sparsity,
                        wMinusU,
                        lagrangian,
                        deltaUw,
                        seconds,
                        evalLoss
                    }) {
                b.append(',').append(fmt(v));
            }
            for (double v : groupNorms) {
                b.append(',').append(fmt(v));
            }
            return b.toString();
        }

        /**
         * Reads a line written by {@link #csv()} (empty fields are NaN); a short or garbled line
         * names itself.
         */
        public static Row parse(String line) {
            String[] f = line.split(",", -1);
            if (f.length < COLUMNS.length) {
                throw new IllegalArgumentException(
                        "a training-log line needs at least "
                                + COLUMNS.length
                                + " fields, got "
                                + f.length
                                + ": '"
                                + line
                                + "'");
            }
            try {
                double[] v = new double[COLUMNS.length];
                for (int i = 1; i < COLUMNS.length; i++) {
                    v[i] = f[i].isEmpty() ? Double.NaN : Double.parseDouble(f[i]);
                }
                double[] g = new double[f.length - COLUMNS.length];
                for (int i = 0; i < g.length; i++) {
                    String x = f[COLUMNS.length + i];
                    g[i] = x.isEmpty() ? Double.NaN : Double.parseDouble(x);
                }
                return new Row(
                        Integer.parseInt(f[0]),
                        v[1],
                        v[2],
                        v[3],
                        v[4],
                        v[5],
                        v[6],
                        v[7],
                        v[8],
                        v[9],
                        v[10],
                        v[11],
                        g);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "not a training-log line (" + e.getMessage() + "): '" + line + "'", e);
            }
        }
    }

    public void add(
            int step,
            double epoch,
            double lr,
            double trainLoss,
            double trainAcc,
            double valAcc,
            double sparsity,
            double wMinusU,
            double lagrangian,
            double deltaUw,
            double seconds,
            double[] groupNorms,
            double evalLoss) {
        rows.add(
                new Row(
                        step,
                        epoch,
                        lr,
                        trainLoss,
                        trainAcc,
                        valAcc,
                        sparsity,
                        wMinusU,
                        lagrangian,
                        deltaUw,
                        seconds,
                        evalLoss,
                        groupNorms.clone()));
    }

    /** The last evaluation, if any. */
    public Optional<Row> last() {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(rows.size() - 1));
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return String.format(Locale.ROOT, "%.9g", v);
    }

    /** The rows as CSV lines (what a checkpoint keeps). */
    public List<String> rows() {
        return rows.stream().map(Row::csv).toList();
    }

    /** Restores the rows a checkpoint kept. */
    public void restore(List<String> lines) {
        this.rows.clear();
        for (String l : lines) {
            this.rows.add(Row.parse(l));
        }
    }

    public static String header(int groups) {
        StringBuilder b = new StringBuilder(String.join(",", COLUMNS));
        for (int g = 1; g <= groups; g++) {
            b.append(",g").append(g);
        }
        return b.toString();
    }

    public String csv(int groups) {
        return header(groups) + "\n" + String.join("\n", rows()) + (rows.isEmpty() ? "" : "\n");
    }

    public void write(Path file, int groups) throws IOException {
        AtomicFiles.write(file, csv(groups));
    }

    public static Table table(Path file) throws IOException {
        return Table.read()
                .usingOptions(
                        CsvReadOptions.builder(file.toFile())
                                .tableName(file.getParent().getFileName().toString()));
    }
}
