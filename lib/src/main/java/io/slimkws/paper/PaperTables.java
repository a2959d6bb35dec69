package io.slimkws.paper;

import io.slimkws.model.KwsCnn;
import io.slimkws.prox.BinaryProjection;
import io.slimkws.prox.Groups;
import io.slimkws.report.*;
import io.slimkws.train.*;
import io.slimkws.train.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Tables 1-3 with the paper's values (from {@link PaperValues}) beside ours, row by row. Our
 * hyper-parameters are shown as run (they differ from the paper's under compressed schedules).
 */
public final class PaperTables {
    private PaperTables() {}

    /**
     * A paper row paired with the runs that reproduce it, one per seed (empty: not run). For Stages
     * II and III, whose own update has no β, λ, μ, {@code prunedBy} is the Stage-I run whose mask
     * they keep: the paper's β and λ on those rows are that run's, and so are ours.
     */
    public record Pair(PaperValues.Row paper, List<RunResult> seeds, RunResult prunedBy) {
        public Pair {
            seeds = seeds == null ? List.of() : seeds.stream().filter(Objects::nonNull).toList();
        }

        public Pair(PaperValues.Row paper, RunResult ours) {
            this(paper, ours, null);
        }

        public Pair(PaperValues.Row paper, RunResult ours, RunResult prunedBy) {
            this(paper, ours == null ? List.of() : List.of(ours), prunedBy);
        }

        public Pair(PaperValues.Row paper, List<RunResult> seeds) {
            this(paper, seeds, null);
        }

        /** The first seed's run (null when not run). */
        public RunResult ours() {
            return seeds.isEmpty() ? null : seeds.get(0);
        }
    }

    /**
     * The paper's table beside ours. Our accuracy and sparsity are the mean over seeds; with more
     * than one seed, the sample standard deviation and every seed's value are shown beside it.
     */
    public static Table of(String title, Pair... rows) {
        return of(title, 0, rows);
    }

    /**
     * As {@link #of(String, Pair...)}, with the 95 % binomial (Wilson) interval of each validation
     * accuracy on {@code n} clips (0: no interval column) and our accuracy minus the paper's.
     */
    public static Table of(String title, int n, Pair... rows) {
        boolean many = Arrays.stream(rows).anyMatch(p -> p.seeds().size() > 1);
        StringColumn model = StringColumn.create("Model");
        DoubleColumn beta = DoubleColumn.create("β (paper)");
        DoubleColumn lambda = DoubleColumn.create("λ (paper)");
        DoubleColumn mu = DoubleColumn.create("μ (paper)");
        DoubleColumn betaOurs = DoubleColumn.create("β (ours)");
        DoubleColumn lambdaOurs = DoubleColumn.create("λ (ours)");
        DoubleColumn muOurs = DoubleColumn.create("μ (ours)");
        DoubleColumn accPaper = DoubleColumn.create("Accuracy % (paper)");
        DoubleColumn accOurs =
                DoubleColumn.create(
                        many
                                ? "Accuracy % (ours, validation, mean)"
                                : "Accuracy % (ours, validation)");
        DoubleColumn accSd = DoubleColumn.create("± sd, validation (pp)");
        StringColumn accSeeds = StringColumn.create("validation % per seed");
        DoubleColumn testOurs =
                DoubleColumn.create(
                        many ? "Accuracy % (ours, test, mean)" : "Accuracy % (ours, test)");
        DoubleColumn spPaper = DoubleColumn.create("Ch. sparsity % (paper)");
        DoubleColumn spOurs =
                DoubleColumn.create(many ? "Ch. sparsity % (ours, mean)" : "Ch. sparsity % (ours)");
        StringColumn spSeeds = StringColumn.create("sparsity % per seed");
        StringColumn nSeeds = StringColumn.create("seeds");
        StringColumn schedule = StringColumn.create("ours: schedule");
        StringColumn interval = StringColumn.create("95 % interval (validation, n = " + n + ")");
        DoubleColumn diff = DoubleColumn.create("ours − paper (pp)");
        for (Pair p : rows) {
            model.append(p.paper().model());
            beta.append(p.paper().beta());
            lambda.append(p.paper().lambda());
            mu.append(p.paper().mu());
            accPaper.append(p.paper().accuracy());
            spPaper.append(p.paper().sparsity());
            if (p.seeds().isEmpty()) {
                betaOurs.appendMissing();
                lambdaOurs.appendMissing();
                muOurs.appendMissing();
                accOurs.appendMissing();
                accSd.appendMissing();
                accSeeds.append("");
                testOurs.appendMissing();
                spOurs.appendMissing();
                spSeeds.append("");
                nSeeds.append("");
                schedule.append("not run");
                interval.append("");
                diff.appendMissing();
            } else {
                String cap = ClipLog.actedOn(p.ours()); // seed 1's
                schedule.append(
                        p.ours().spec().schedule().describe(p.ours().spec().stage())
                                + (cap.isEmpty() ? "" : "; " + cap));
                RunResult from = p.prunedBy() == null ? p.ours() : p.prunedBy();
                var h = from.spec().hyper();
                // For Stages II and III: the Stage-I run's, whose mask they keep (see Pair).
                betaOurs.append(h.beta());
                lambdaOurs.append(h.lambda());
                muOurs.append(h.mu());
                double[] val = p.seeds().stream().mapToDouble(RunResult::valAcc).toArray();
                double[] sp =
                        p.seeds().stream().mapToDouble(PaperTables::exactZeroSparsity).toArray();
                accOurs.append(mean(val)); // unrounded: TableView rounds once, for the reader
                diff.append(mean(val) - p.paper().accuracy());
                interval.append(n > 0 ? Binomial.wilson95Text(mean(val), n) : "");
                if (val.length > 1) {
                    accSd.append(sd(val));
                } else {
                    accSd.appendMissing();
                }
                accSeeds.append(perSeed(val));
                testOurs.append(mean(p.seeds().stream().mapToDouble(RunResult::testAcc).toArray()));
                spOurs.append(mean(sp));
                spSeeds.append(perSeed(sp));
                nSeeds.append(
                        p.seeds().stream()
                                .map(r -> String.valueOf(r.spec().seed()))
                                .collect(Collectors.joining(", ")));
            }
        }
        Table t =
                Table.create(
                        title,
                        model,
                        beta,
                        lambda,
                        mu,
                        betaOurs,
                        lambdaOurs,
                        muOurs,
                        accPaper,
                        accOurs);
        if (n > 0) {
            t.addColumns(interval);
        }
        t.addColumns(diff);
        if (many) {
            t.addColumns(accSd, accSeeds);
        }
        t.addColumns(testOurs, spPaper, spOurs);
        if (many) {
            t.addColumns(spSeeds, nSeeds);
        }
        t.addColumns(schedule);
        return t;
    }

    /**
     * Channel sparsity as the paper counts it, exactly-zero groups. A GL run's own figure counts
     * groups below a tolerance (GL never reaches exact zeros), so for GL it is recounted from the
     * saved weights; the tolerance count stays in the group-norm table.
     */
    static double exactZeroSparsity(RunResult r) {
        if (r.spec().algorithm() != Algorithm.GL) {
            return r.sparsity(); // counted with tolerance 0 already
        }
        try {
            double[] norms = r.groupNorms(); // reads the saved model once
            return 100.0 * Groups.countAtMost(norms, 0.0) / norms.length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Arithmetic mean. */
    public static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    /** Sample standard deviation (n − 1); NaN for fewer than two values. */
    public static double sd(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }

    private static String perSeed(double[] v) {
        return Arrays.stream(v)
                .mapToObj(x -> String.format(Locale.ROOT, "%.2f", x))
                .collect(Collectors.joining(" / "));
    }

    /**
     * conv2's group norms at the end of each run, counted two ways: exactly zero (the sparsity of
     * RGSM and GSBC, and the paper's reading of GL's 0 %) and at most {@code tolerance}.
     */
    public static Table groupNorms(String title, Map<String, RunResult> runs, double tolerance)
            throws IOException {
        StringColumn run = StringColumn.create("run");
        IntColumn zero = IntColumn.create("groups exactly 0");
        IntColumn small = IntColumn.create("groups with norm <= " + tolerance);
        DoubleColumn min = DoubleColumn.create("smallest norm");
        DoubleColumn median = DoubleColumn.create("median norm");
        DoubleColumn max = DoubleColumn.create("largest norm");
        for (var e : runs.entrySet()) {
            double[] n = e.getValue().groupNorms();
            run.append(e.getKey());
            zero.append(Groups.countAtMost(n, 0.0));
            small.append(Groups.countAtMost(n, tolerance));
            double[] sorted = n.clone();
            Arrays.sort(sorted);
            // Not rounded here: TableView shows 4 significant digits, so a tiny GL norm never reads
            // as 0.
            min.append(sorted[0]);
            median.append((sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2);
            max.append(sorted[sorted.length - 1]);
        }
        return Table.create(title, run, zero, small, min, median, max);
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /**
     * Fig. 2 in numbers beside the paper's: peak and final validation accuracy, where the peak is,
     * and the first step with an exactly-zero group, in epochs of the paper's schedule.
     */
    public static Table fig2Numbers(List<RunResult> seeds) throws IOException {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("Fig. 2 in numbers needs at least one run");
        }
        Table t =
                Table.create(
                        "Fig. 2 in numbers (epochs of the paper's schedule; "
                                + seeds.size()
                                + " seed(s))",
                        StringColumn.create(
                                "",
                                "peak accuracy %",
                                "epoch of the peak",
                                "final accuracy %",
                                "drop after the peak (pp)",
                                "first group exactly zero (epoch)"),
                        StringColumn.create(
                                "paper",
                                "> " + fmt1(PaperValues.FIG2_PEAK_ABOVE),
                                fmt1(PaperValues.FIG2_PEAK_EPOCH),
                                fmt1(PaperValues.FIG2_FINAL),
                                "> " + fmt1(PaperValues.FIG2_PEAK_ABOVE - PaperValues.FIG2_FINAL),
                                "about " + fmt1(PaperValues.FIG3_ONSET_EPOCH) + " (Fig. 3)"));
        double[][] numbers = new double[seeds.size()][];
        for (int i = 0; i < seeds.size(); i++) {
            RunResult r = seeds.get(i);
            double[][] acc = PaperFigures.curve(r, "val_acc");
            int peak = PaperFigures.peak(acc[1]);
            int last = acc[1].length - 1;
            int firstZero = CalibrationTable.firstZeroStep(r);
            double epochOfStep = acc[0][last] / r.spec().schedule().steps();
            numbers[i] =
                    new double[] {
                        acc[1][peak],
                        acc[0][peak],
                        acc[1][last],
                        acc[1][peak] - acc[1][last],
                        firstZero < 0 ? Double.NaN : firstZero * epochOfStep
                    };
            t.addColumns(
                    StringColumn.create(
                            seeds.size() == 1 ? "ours" : "ours, seed " + r.spec().seed(),
                            fmt1(numbers[i][0]),
                            fmt1(numbers[i][1]),
                            fmt1(numbers[i][2]),
                            fmt1(numbers[i][3]),
                            firstZero < 0
                                    ? "none"
                                    : fmt1(numbers[i][4]) + " (step " + firstZero + ")"));
        }
        if (seeds.size() > 1) {
            String[] mean = new String[5];
            for (int row = 0; row < 5; row++) {
                double[] v = new double[seeds.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = numbers[i][row];
                }
                // A seed without a zero group has no onset: the mean is then not defined.
                mean[row] =
                        Arrays.stream(v).anyMatch(Double::isNaN)
                                ? "n/a"
                                : fmt1(mean(v)) + " ± " + fmt1(sd(v));
            }
            t.addColumns(StringColumn.create("ours, mean ± sd", mean));
        }
        return t;
    }

    /**
     * The accuracy Stage II recovers from Stage I, ours and the paper's (Tables 1 and 2), for λ =
     * 0.04 and 0.05.
     */
    public static Table stage2Gain(
            RunResult stage1At004,
            RunResult stage2At004,
            RunResult stage1At005,
            RunResult stage2At005) {
        return Table.create(
                "Accuracy recovered by Stage II (validation, percentage points)",
                StringColumn.create("paper λ", "0.04", "0.05"),
                DoubleColumn.create("Stage I % (ours)", stage1At004.valAcc(), stage1At005.valAcc()),
                DoubleColumn.create(
                        "Stage II % (ours)", stage2At004.valAcc(), stage2At005.valAcc()),
                DoubleColumn.create(
                        "gain (ours, pp)",
                        stage2At004.valAcc() - stage1At004.valAcc(),
                        stage2At005.valAcc() - stage1At005.valAcc()),
                DoubleColumn.create(
                        "gain (paper, pp)",
                        PaperValues.T2_004.accuracy() - PaperValues.T1_RGSM_004.accuracy(),
                        PaperValues.T2_005.accuracy() - PaperValues.T1_RGSM_005.accuracy()));
    }

    /**
     * Stage III's weights per layer: the distinct values of the binary network, the scale a = mean
     * |w_f| recomputed from the latent weights (not by the projection that made the binary ones)
     * and the zeros. Throws when a layer is not {±a} ({−a, 0, +a} with removed channels) or its a
     * differs.
     */
    public static Table binaryWeights(RunResult stage3) throws IOException {
        var bin = stage3.model();
        var latent = stage3.latentModel();
        Table t =
                Table.create(
                        "Stage III weights, per layer",
                        StringColumn.create("layer"),
                        IntColumn.create("distinct values"),
                        StringColumn.create("values"),
                        DoubleColumn.create("a = mean |w_f| (unmasked)"),
                        IntColumn.create("zero weights"));
        String[] names = {"conv1", "", "conv2", "fc"};
        boolean pruned = stage3.mask().keptCount() < 64;
        for (int layer : new int[] {KwsCnn.CONV1, KwsCnn.CONV2, KwsCnn.FC}) {
            var wb = bin.getLayer(layer).getParam("W");
            var wf = latent.getLayer(layer).getParam("W");
            // Pruned: conv2's removed groups and the conv1 filters only they read are exactly 0 and
            // do not count in a.
            var mask =
                    !pruned || layer == KwsCnn.FC
                            ? null
                            : layer == KwsCnn.CONV2
                                    ? stage3.mask().weightMask(wf.shape(), wf.dataType())
                                    : stage3.mask().filterMask(wf.shape(), wf.dataType());
            var vals = BinaryProjection.distinct(wb);
            double a = IndependentChecks.meanAbs(wf, mask);
            t.stringColumn(0).append(names[layer]);
            t.intColumn(1).append(vals.size());
            t.stringColumn(2).append(vals.toString());
            t.doubleColumn(3).append(a);
            t.intColumn(4).append(wb.eq(0).castTo(DataType.INT32).sumNumber().intValue());
            int expected = pruned && layer != KwsCnn.FC ? 3 : 2;
            if (vals.size() != expected || Math.abs(vals.last() - a) > 1e-6 * Math.max(1, a)) {
                throw new IllegalStateException(
                        "layer " + names[layer] + " is not binary: " + vals + ", a = " + a);
            }
        }
        return t;
    }

    private static String fmt1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /**
     * A row of Tables 1-3: the paper's values beside the run under every seed (and, for Stages
     * II/III, the Stage-I run it keeps the mask of).
     */
    public static Pair pair(Experiments e, RunDefinition r) throws IOException {
        return new Pair(
                r.paper(), e.acrossSeeds(r), r.prunedBy() == null ? null : e.run(r.prunedBy()));
    }

    /**
     * One of Tables 1-3: the paper's rows beside these runs, with 95 % intervals on this data's
     * validation set.
     */
    public static Table table(Experiments e, String title, RunDefinition... runs)
            throws IOException {
        Pair[] pairs = new Pair[runs.length];
        for (int i = 0; i < runs.length; i++) {
            pairs[i] = pair(e, runs[i]);
        }
        return of(title, e.data().validation().size(), pairs);
    }

    /** Each run's schedule under the profile, as the tables show it, with its training samples. */
    public static Table schedules(Experiments e, String title, RunDefinition... runs) {
        StringColumn run = StringColumn.create("run");
        StringColumn schedule = StringColumn.create("schedule");
        LongColumn samples = LongColumn.create("training samples");
        StringColumn capped = StringColumn.create("steps the gradient cap acted on");
        for (RunDefinition r : runs) {
            RunSpec s = e.spec(r);
            run.append(s.name());
            schedule.append(
                    s.schedule().describe(r.stage())
                            + (r.algorithm() == Algorithm.BC ? ", ρ = " + s.hyper().rho() : ""));
            samples.append(s.schedule().samples());
            capped.append(capActed(e, s));
        }
        return Table.create(
                title + " (profile " + e.profile().id() + ")", run, schedule, samples, capped);
    }

    /**
     * How often a run's gradient cap changed the paper's update, from its clipped.csv; never
     * trains.
     */
    private static String capActed(Experiments e, RunSpec s) {
        if (s.schedule().clipNorm() <= 0) {
            return "- (no cap)";
        }
        try {
            RunResult r = e.store().cached(s);
            return r == null ? "not trained yet" : ClipLog.actedOn(r);
        } catch (IOException ex) {
            return "unreadable: " + ex.getMessage();
        }
    }
}
