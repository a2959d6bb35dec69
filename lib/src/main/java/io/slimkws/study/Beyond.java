package io.slimkws.study;

import static io.slimkws.study.StudyRuns.family;

import io.slimkws.data.FeatureSet;
import io.slimkws.model.ChannelMask;
import io.slimkws.model.KwsCnn;
import io.slimkws.model.PrunedNetwork;
import io.slimkws.model.SlimModel;
import io.slimkws.model.Speedup;
import io.slimkws.paper.Experiments;
import io.slimkws.paper.PaperRun;
import io.slimkws.paper.PaperValues;
import io.slimkws.paper.RunDefinition;
import io.slimkws.prox.Penalty;
import io.slimkws.report.Binomial;
import io.slimkws.report.Figures;
import io.slimkws.report.Plot;
import io.slimkws.train.Evaluation;
import io.slimkws.train.RunResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Notebook 10: the penalties beyond group Lasso, run through RGSM on the same schedule, their
 * accuracy-sparsity frontier beside the paper's two RGSM points, and the best of each family
 * through Stages II and III.
 */
public final class Beyond {
    /**
     * A family's best run: the sparsest of its runs within this many points of its most accurate
     * one.
     */
    public static final double BEST_WITHIN_PP = 2.0;

    /**
     * The paper's runs the study reads: the original (the reference of the target's accuracy),
     * group Lasso at both λ (that family's points), and RGSM λ = 0.05 through Stage III (group
     * Lasso's final).
     */
    public static final List<RunDefinition> REFERENCES =
            List.of(PaperRun.ORIGINAL, PaperRun.RGSM_004, PaperRun.STAGE3_005);

    private Beyond() {}

    /** Every Stage-I run of the sweep (seed 1), trained here or loaded when finished earlier. */
    public static Map<RunDefinition, Outcome> sweep(Experiments e) throws IOException {
        Map<RunDefinition, Outcome> m = new LinkedHashMap<>();
        for (String f : StudyRuns.families()) {
            m.putAll(familySweep(e, f));
        }
        return m;
    }

    /** One family's Stage-I runs, in threshold order. */
    private static Map<RunDefinition, Outcome> familySweep(Experiments e, String family)
            throws IOException {
        Map<RunDefinition, Outcome> m = new LinkedHashMap<>();
        for (RunDefinition b : StudyRuns.SWEEP) {
            if (family(b).equals(family)) {
                // A run that removed every channel or diverged is a result of the study: the
                // others go on.
                m.put(b, Outcome.of(e, b));
            }
        }
        return m;
    }

    /** Trains the whole study: the sweep, then each family's best through Stages II and III. */
    public static void train(Experiments e) throws IOException {
        for (String f : StudyRuns.families()) {
            trainFamily(e, f);
        }
    }

    /**
     * One penalty family: its sweep, then its best run through Stages II and III (the unit of a
     * shard).
     */
    public static void trainFamily(Experiments e, String family) throws IOException {
        RunDefinition b = best(familySweep(e, family), family);
        if (b != null && !Outcome.of(e, StudyRuns.stage2(b)).failed()) {
            Outcome.of(e, StudyRuns.stage3(b));
        }
    }

    /** The finished runs of the sweep (failures left out), in sweep order. */
    static Map<RunDefinition, RunResult> results(Map<RunDefinition, Outcome> outcomes) {
        Map<RunDefinition, RunResult> m = new LinkedHashMap<>();
        outcomes.forEach(
                (r, o) -> {
                    if (o.result() != null) {
                        m.put(r, o.result());
                    }
                });
        return m;
    }

    /**
     * The share (%) of exactly-zero weights of conv2 inside the channels a run keeps (weight-level
     * sparsity).
     */
    public static double weightSparsityInKept(RunResult r) throws IOException {
        INDArray w =
                r.model()
                        .getLayer(KwsCnn.CONV2)
                        .getParam("W"); // [64 out, 64 in, 10, 4]: evaluation weights u
        ChannelMask m = r.mask();
        long zeros = 0;
        long total = 0;
        for (int g : m.keptIndices()) {
            INDArray group =
                    w.get(
                            NDArrayIndex.all(),
                            NDArrayIndex.point(g),
                            NDArrayIndex.all(),
                            NDArrayIndex.all());
            zeros += group.length() - group.neq(0).castTo(DataType.INT32).sumNumber().longValue();
            total += group.length();
        }
        return total == 0 ? Double.NaN : 100.0 * zeros / total;
    }

    /**
     * One row per run of the sweep: penalty, thresholds, validation accuracy with its 95 % interval
     * on {@code validationClips} clips, channel and weight sparsity, and what became of a run that
     * did not finish (removed every channel, diverged).
     */
    public static Table table(Map<RunDefinition, Outcome> outcomes, int validationClips)
            throws IOException {
        StringColumn family = StringColumn.create("penalty");
        StringColumn target = StringColumn.create("run");
        DoubleColumn lambda = DoubleColumn.create("λ (group)");
        StringColumn le = StringColumn.create("inner penalty's parameters");
        DoubleColumn t =
                DoubleColumn.create("zeroes below (group norm for group ℓ0, |weight| otherwise)");
        DoubleColumn acc = DoubleColumn.create("validation accuracy %");
        StringColumn ci = StringColumn.create("95 % interval");
        DoubleColumn ch = DoubleColumn.create("channel sparsity %");
        DoubleColumn wt = DoubleColumn.create("zero weights in kept channels %");
        StringColumn note = StringColumn.create("outcome");
        for (var en : outcomes.entrySet()) {
            RunDefinition r = en.getKey();
            Outcome o = en.getValue();
            family.append(family(r));
            target.append(r.target());
            lambda.append(r.hyper().lambda());
            le.append(StudyRuns.innerParameters(r));
            t.append(StudyRuns.threshold(r));
            if (o.failed()) {
                acc.appendMissing();
                ci.append("");
                ch.append(o.note().startsWith("removed") ? 100.0 : Double.NaN);
                wt.appendMissing();
                note.append(o.note());
                continue;
            }
            RunResult res = o.result();
            acc.append(res.valAcc());
            ci.append(Binomial.wilson95Text(res.valAcc(), validationClips));
            ch.append(res.sparsity());
            wt.append(weightSparsityInKept(res));
            note.append(res.mask().keptCount() == 0 ? "removed every channel" : "finished");
        }
        return Table.create(
                "Stage I beyond group Lasso: RGSM, β = 1, one row per threshold",
                family,
                target,
                lambda,
                le,
                t,
                acc,
                ci,
                ch,
                wt,
                note);
    }

    /**
     * The sparsest run of a family within {@link #BEST_WITHIN_PP} of its most accurate one, among
     * the runs that finished and keep at least one channel (a network without channels is not a
     * model; a run that diverged is not a result); null when no run of the family is a model.
     */
    public static RunDefinition best(Map<RunDefinition, Outcome> outcomes, String family) {
        if (outcomes.keySet().stream().noneMatch(b -> family(b).equals(family))) {
            throw new IllegalArgumentException("no run of the family '" + family + "'");
        }
        Map<RunDefinition, RunResult> sweep = results(outcomes);
        double top =
                sweep.entrySet().stream()
                        .filter(
                                e ->
                                        family(e.getKey()).equals(family)
                                                && e.getValue().mask().keptCount() > 0)
                        .mapToDouble(e -> e.getValue().valAcc())
                        .max()
                        .orElse(Double.NaN);
        if (Double.isNaN(top)) {
            return null;
        }
        RunDefinition best = null;
        for (var e : sweep.entrySet()) {
            if (family(e.getKey()).equals(family)
                    && e.getValue().mask().keptCount() > 0
                    && e.getValue().valAcc() >= top - BEST_WITHIN_PP
                    && (best == null || e.getValue().sparsity() > sweep.get(best).sparsity())) {
                best = e.getKey();
            }
        }
        return best;
    }

    /**
     * The reading of the sweep, numbers first: each penalty's best run (the rule of {@link #best}),
     * sparsest first, against our RGSM group-Lasso run at the paper's λ = 0.04 on the same
     * schedule; the runs that failed, with their step; then the frontier over every run.
     */
    public static String reading(Map<RunDefinition, Outcome> outcomes, RunResult rgsm004) {
        Map<RunDefinition, RunResult> sweep = results(outcomes);
        List<RunDefinition> bests = new ArrayList<>();
        List<String> none = new ArrayList<>();
        for (String f : outcomes.keySet().stream().map(StudyRuns::family).distinct().toList()) {
            RunDefinition b = best(outcomes, f);
            if (b == null) {
                none.add(f);
            } else {
                bests.add(b);
            }
        }
        bests.sort((a, b) -> Double.compare(sweep.get(b).sparsity(), sweep.get(a).sparsity()));
        StringBuilder t =
                new StringBuilder(
                        String.format(
                                "Group Lasso (RGSM λ = 0.04, ours): %.1f %% channel sparsity at"
                                        + " %.1f %%.%n",
                                rgsm004.sparsity(), rgsm004.valAcc()));
        for (RunDefinition b : bests) {
            RunResult r = sweep.get(b);
            boolean noneRemoved =
                    sweep.entrySet().stream()
                            .filter(e -> family(e.getKey()).equals(family(b)))
                            .allMatch(e -> e.getValue().sparsity() == 0);
            t.append(
                    String.format(
                            "%s (%s): %.1f %% channel sparsity at %.1f %% (%+.1f pp sparsity, %+.1f"
                                    + " pp accuracy against group Lasso)%s%n",
                            family(b),
                            b.target(),
                            r.sparsity(),
                            r.valAcc(),
                            r.sparsity() - rgsm004.sparsity(),
                            r.valAcc() - rgsm004.valAcc(),
                            noneRemoved ? "; no run of its sweep removed a channel" : ""));
        }
        for (String f : none) {
            t.append(f)
                    .append(
                            ": no run of its sweep is a model (every one failed or removed every"
                                    + " channel)\n");
        }
        outcomes.forEach(
                (r, o) -> {
                    if (o.failed()) {
                        t.append(
                                String.format(
                                        "%s (%s): %s, left out of its family's best%n",
                                        family(r), r.target(), o.note()));
                    }
                });
        Map<String, RunResult> points = new LinkedHashMap<>();
        points.put("group Lasso λ = 0.04 (ours)", rgsm004);
        sweep.forEach((b, r) -> points.put(family(b) + " " + b.target(), r));
        t.append(
                "Where each wins: the runs no other run beats in both channel sparsity and"
                        + " accuracy, sparsest first:\n");
        for (String p : paretoFront(points)) {
            t.append(
                    String.format(
                            "  %.1f %% at %.1f %%: %s%n",
                            points.get(p).sparsity(), points.get(p).valAcc(), p));
        }
        return t.toString().strip();
    }

    /**
     * The labels of the points on the accuracy-sparsity frontier, sparsest first: those no other
     * point dominates (at least as sparse and as accurate, better in one). Networks without a
     * channel are left out.
     */
    public static List<String> paretoFront(Map<String, RunResult> points) {
        List<String> front = new ArrayList<>();
        for (var p : points.entrySet()) {
            RunResult a = p.getValue();
            boolean dominated =
                    a.mask().keptCount() == 0
                            || points.values().stream()
                                    .anyMatch(
                                            b ->
                                                    b.mask().keptCount() > 0
                                                            && b.sparsity() >= a.sparsity()
                                                            && b.valAcc() >= a.valAcc()
                                                            && (b.sparsity() > a.sparsity()
                                                                    || b.valAcc() > a.valAcc()));
            if (!dominated) {
                front.add(p.getKey());
            }
        }
        front.sort((x, y) -> Double.compare(points.get(y).sparsity(), points.get(x).sparsity()));
        return front;
    }

    /**
     * Accuracy against channel sparsity after Stage I, one line per penalty (its runs in threshold
     * order) with 95 % intervals as error bars; group Lasso is our RGSM λ = 0.04 and 0.05 runs, the
     * paper's two RGSM points are marked, a run that removed every channel is marked at 100 %, and
     * the dashed line is the target's accuracy: the original's minus {@link #TARGET_GAP_PP}.
     */
    public static Plot frontier(
            Map<RunDefinition, Outcome> outcomes,
            RunResult original,
            RunResult rgsm004,
            RunResult rgsm005,
            int validationClips) {
        Map<String, double[][]> lines = new LinkedHashMap<>();
        lines.put(
                "group Lasso (RGSM λ = 0.04, 0.05; ours)",
                new double[][] {
                    {rgsm004.sparsity(), rgsm005.sparsity()}, {rgsm004.valAcc(), rgsm005.valAcc()}
                });
        List<String> removed = new ArrayList<>();
        List<String> diverged = new ArrayList<>();
        for (String family : StudyRuns.families()) {
            List<double[]> pts = new ArrayList<>();
            for (var e : outcomes.entrySet()) {
                if (!family(e.getKey()).equals(family)) {
                    continue;
                }
                Outcome o = e.getValue();
                if (o.isModel()) {
                    pts.add(new double[] {o.result().sparsity(), o.result().valAcc()});
                } else if (o.note().startsWith("diverged")) {
                    diverged.add(e.getKey().target() + " (" + o.note() + ")");
                } else {
                    removed.add(e.getKey().target());
                }
            }
            if (!pts.isEmpty()) {
                lines.put(
                        family,
                        new double[][] {
                            pts.stream().mapToDouble(a -> a[0]).toArray(),
                            pts.stream().mapToDouble(a -> a[1]).toArray()
                        });
            }
        }
        Plot plot =
                Figures.xyLines(
                                "After Stage I: accuracy against channel sparsity (95 % intervals)",
                                "channel sparsity (%)", "validation accuracy (%)", lines)
                        .range("xaxis", 0, 105)
                        .range("yaxis", 40, 100);
        int i = 0;
        for (double[][] line : lines.values()) {
            double[] lo = new double[line[1].length];
            double[] hi = new double[line[1].length];
            for (int j = 0; j < lo.length; j++) {
                double[] w = Binomial.wilson95(line[1][j], validationClips);
                lo[j] = w[0];
                hi[j] = w[1];
            }
            plot.errorBars(i++, lo, hi);
        }
        plot.mark(
                        PaperValues.T1_RGSM_004.sparsity(),
                        PaperValues.T1_RGSM_004.accuracy(),
                        "paper: RGSM λ = 0.04")
                .mark(
                        PaperValues.T1_RGSM_005.sparsity(),
                        PaperValues.T1_RGSM_005.accuracy(),
                        "paper: RGSM λ = 0.05")
                .level(
                        original.valAcc() - TARGET_GAP_PP,
                        String.format(
                                "target: the original's %.1f %% − %.1f pp",
                                original.valAcc(), TARGET_GAP_PP));
        for (String r : removed) {
            plot.mark(100, 40, r + ": removed every channel", "top left");
        }
        if (!diverged.isEmpty()) {
            plot.caption("Diverged, not drawn: " + String.join(", ", diverged));
        }
        return plot.showLegend();
    }

    /**
     * The study's target (issue 36, not the paper's): after Stage III, at least this channel
     * sparsity (%)...
     */
    public static final double TARGET_SPARSITY = 50;

    /** ...within this many points of the original's validation accuracy. */
    public static final double TARGET_GAP_PP = 2.5;

    /** The moonshot: the paper's own margin (88.5 − 87.0 = 1.5 pp) at 60 % channel sparsity. */
    public static final double MOONSHOT_SPARSITY = 60;

    public static final double MOONSHOT_GAP_PP = 1.5;

    /**
     * One family's final: its best Stage-I run and the Stage II and III runs after it (null where
     * the family has no model, or a stage failed).
     */
    public record Final(String family, RunDefinition best, Outcome stage2, Outcome stage3) {
        /** The Stage III network, or null when there is none. */
        public RunResult model() {
            return stage3 != null && stage3.isModel() ? stage3.result() : null;
        }
    }

    /**
     * The finals: group Lasso's (the paper's RGSM λ = 0.05 chain) first, then the best of each
     * family of the sweep through Stages II and III, trained here or loaded.
     */
    public static List<Final> finals(Experiments e, Map<RunDefinition, Outcome> outcomes)
            throws IOException {
        List<Final> fs = new ArrayList<>();
        fs.add(
                new Final(
                        "group Lasso (the paper's RGSM λ = 0.05)",
                        PaperRun.RGSM_005,
                        Outcome.of(e, PaperRun.STAGE2_005),
                        Outcome.of(e, PaperRun.STAGE3_005)));
        for (String f : StudyRuns.families()) {
            RunDefinition b = best(outcomes, f);
            if (b == null) {
                fs.add(new Final(f, null, null, null));
                continue;
            }
            Outcome s2 = Outcome.of(e, StudyRuns.stage2(b));
            fs.add(new Final(f, b, s2, s2.failed() ? null : Outcome.of(e, StudyRuns.stage3(b))));
        }
        return fs;
    }

    /**
     * The finals' Stage III models beside the original: validation and test accuracy with 95 %
     * intervals, the paired difference from the original on the same validation clips, channel
     * sparsity, the slim model's bytes (written to {@code models}), and CPU latency of one clip and
     * of a batch of 100 (median of {@code reps}) of the physically pruned network against the dense
     * original's, timed here in interleaved rounds.
     */
    public static Table finalsTable(Experiments e, List<Final> finals, Path models, int reps)
            throws IOException {
        FeatureSet val = e.data().validation();
        FeatureSet test = e.data().testing();
        RunResult original = e.run(PaperRun.ORIGINAL);
        boolean[] origRight = Evaluation.correct(original.model(), val);
        INDArray one = val.slice(0, 1).getFeatures();
        INDArray hundred = val.slice(0, Math.min(100, val.size())).getFeatures();
        // The networks timed: the dense original first, then each final's pruned network.
        List<MultiLayerNetwork> nets = new ArrayList<>();
        nets.add(original.model());
        for (Final f : finals) {
            if (f.model() != null) {
                nets.add(PrunedNetwork.of(f.model().model(), f.model().mask()));
            }
        }
        double[][] ms1 = new double[nets.size()][reps];
        double[][] ms100 = new double[nets.size()][reps];
        for (int r = 0; r < reps; r++) {
            for (int i = 0; i < nets.size(); i++) {
                ms1[i][r] = Speedup.medianMillis(nets.get(i), one, 1);
                ms100[i][r] = Speedup.medianMillis(nets.get(i), hundred, 1);
            }
        }

        StringColumn family = StringColumn.create("penalty");
        StringColumn run = StringColumn.create("Stage I run");
        DoubleColumn sp = DoubleColumn.create("channel sparsity %");
        DoubleColumn vAcc = DoubleColumn.create("validation %");
        StringColumn vCi = StringColumn.create("validation 95 %");
        DoubleColumn tAcc = DoubleColumn.create("test %");
        StringColumn tCi = StringColumn.create("test 95 %");
        DoubleColumn diff = DoubleColumn.create("validation − original (pp)");
        StringColumn diffCi = StringColumn.create("paired 95 %");
        LongColumn bytes = LongColumn.create("slim model bytes");
        DoubleColumn b1 = DoubleColumn.create("batch 1 (ms)");
        DoubleColumn b100 = DoubleColumn.create("batch 100 (ms)");
        DoubleColumn x1 = DoubleColumn.create("batch 1: dense / this");
        DoubleColumn x100 = DoubleColumn.create("batch 100: dense / this");
        double dense1 = Speedup.median(ms1[0]);
        double dense100 = Speedup.median(ms100[0]);

        family.append("original (dense, float)");
        run.append(PaperRun.ORIGINAL.runName());
        sp.append(0);
        vAcc.append(original.valAcc());
        vCi.append(Binomial.wilson95Text(original.valAcc(), val.size()));
        tAcc.append(original.testAcc());
        tCi.append(Binomial.wilson95Text(original.testAcc(), test.size()));
        diff.append(0);
        diffCi.append("");
        bytes.appendMissing();
        b1.append(dense1);
        b100.append(dense100);
        x1.append(1);
        x100.append(1);
        int timed = 1;
        for (Final f : finals) {
            family.append(f.family());
            RunResult m = f.model();
            if (m == null) {
                run.append(
                        f.best() == null
                                ? "none: no run of its sweep is a model"
                                : f.best().runName()
                                        + ": "
                                        + (f.stage2().failed()
                                                ? "Stage II " + f.stage2().note()
                                                : "Stage III " + f.stage3().note()));
                for (DoubleColumn c :
                        new DoubleColumn[] {sp, vAcc, tAcc, diff, b1, b100, x1, x100}) {
                    c.appendMissing();
                }
                vCi.append("");
                tCi.append("");
                diffCi.append("");
                bytes.appendMissing();
                continue;
            }
            run.append(f.best().runName());
            sp.append(m.sparsity());
            vAcc.append(m.valAcc());
            vCi.append(Binomial.wilson95Text(m.valAcc(), val.size()));
            tAcc.append(m.testAcc());
            tCi.append(Binomial.wilson95Text(m.testAcc(), test.size()));
            double[] d = Binomial.pairedDifference95(Evaluation.correct(m.model(), val), origRight);
            diff.append(d[0]);
            diffCi.append(String.format(Locale.ROOT, "[%.1f, %.1f]", d[1], d[2]));
            bytes.append(
                    SlimModel.write(
                            m.model(), m.mask(), models.resolve(m.spec().name() + ".skws")));
            double t1 = Speedup.median(ms1[timed]);
            double t100 = Speedup.median(ms100[timed]);
            timed++;
            b1.append(t1);
            b100.append(t100);
            x1.append(dense1 / t1);
            x100.append(dense100 / t100);
        }
        return Table.create(
                "After Stage III: each penalty's best beside the original (latency: physically"
                        + " pruned network on this CPU, median of "
                        + reps
                        + " interleaved rounds)",
                family,
                run,
                sp,
                vAcc,
                vCi,
                tAcc,
                tCi,
                diff,
                diffCi,
                bytes,
                b1,
                b100,
                x1,
                x100);
    }

    /**
     * Each family's Stage III model against group Lasso's (the paper's RGSM λ = 0.05 chain), on the
     * same validation clips: the paired difference with its 95 % interval, and whether it is
     * outside the noise (an interval that excludes 0) or not.
     */
    public static Table againstGroupLasso(Experiments e, List<Final> finals) throws IOException {
        FeatureSet val = e.data().validation();
        RunResult gl = finals.get(0).model();
        StringColumn family = StringColumn.create("penalty");
        DoubleColumn sp = DoubleColumn.create("channel sparsity − group Lasso's (pp)");
        DoubleColumn diff = DoubleColumn.create("validation − group Lasso's (pp)");
        StringColumn ci = StringColumn.create("paired 95 %");
        StringColumn reading = StringColumn.create("reading");
        if (gl == null) {
            return Table.create("Against group Lasso: its Stage III did not finish", family);
        }
        boolean[] glRight = Evaluation.correct(gl.model(), val);
        for (Final f : finals.subList(1, finals.size())) {
            RunResult m = f.model();
            if (m == null) {
                continue;
            }
            double[] d = Binomial.pairedDifference95(Evaluation.correct(m.model(), val), glRight);
            family.append(f.family());
            sp.append(m.sparsity() - gl.sparsity());
            diff.append(d[0]);
            ci.append(String.format(Locale.ROOT, "[%.1f, %.1f]", d[1], d[2]));
            reading.append(
                    d[1] > 0
                            ? "more accurate, outside the noise"
                            : d[2] < 0
                                    ? "less accurate, outside the noise"
                                    : "within the noise: no ranking");
        }
        return Table.create(
                "After Stage III, against group Lasso (RGSM λ = 0.05) on the same "
                        + val.size()
                        + " validation clips",
                family,
                sp,
                diff,
                ci,
                reading);
    }

    /**
     * A Stage III model as the answer reads it: its label (penalty and threshold), channel sparsity
     * and validation accuracy (%), and its paired difference from the original with the 95 %
     * interval ({difference, low, high}, pp).
     */
    public record Point(String label, double sparsity, double valAcc, double[] vsOriginal) {}

    /**
     * The answer to the study's question, as Markdown with every number computed from the runs:
     * which penalty and threshold reaches {@link #TARGET_SPARSITY} % channel sparsity within {@link
     * #TARGET_GAP_PP} pp of the original's validation accuracy after Stage III (and the moonshot),
     * or, if none does, the closest points on either side with their intervals.
     */
    public static String answer(Experiments e, List<Final> finals) throws IOException {
        FeatureSet val = e.data().validation();
        RunResult original = e.run(PaperRun.ORIGINAL);
        boolean[] origRight = Evaluation.correct(original.model(), val);
        List<Point> points = new ArrayList<>();
        for (Final f : finals) {
            RunResult m = f.model();
            if (m != null) {
                points.add(
                        new Point(
                                f.family()
                                        + " ("
                                        + (f.best() == PaperRun.RGSM_005
                                                ? f.best().target()
                                                : thresholdText(f.best()))
                                        + ")",
                                m.sparsity(),
                                m.valAcc(),
                                Binomial.pairedDifference95(
                                        Evaluation.correct(m.model(), val), origRight)));
            }
        }
        return answer(original.valAcc(), val.size(), points, finals.get(0).model());
    }

    /**
     * {@link #answer(Experiments, List)} from its numbers: the original's validation accuracy on
     * {@code clips} clips, the Stage III points, and group Lasso's Stage III run (null if none).
     */
    public static String answer(
            double originalVal, int clips, List<Point> points, RunResult groupLasso) {
        double floor = originalVal - TARGET_GAP_PP;
        StringBuilder t = new StringBuilder();
        t.append(
                String.format(
                        Locale.ROOT,
                        "The original network reaches %.1f %% validation accuracy %s on %d clips,"
                                + " so the target is at least %.0f %% channel sparsity at %.1f %%"
                                + " or more after Stage III (moonshot: %.0f %% at %.1f %% or"
                                + " more).%n%n",
                        originalVal,
                        Binomial.wilson95Text(originalVal, clips),
                        clips,
                        TARGET_SPARSITY,
                        floor,
                        MOONSHOT_SPARSITY,
                        originalVal - MOONSHOT_GAP_PP));
        List<Point> met = new ArrayList<>();
        for (Point p : points) {
            if (p.sparsity() >= TARGET_SPARSITY && p.valAcc() >= floor) {
                met.add(p);
            }
        }
        met.sort((a, b) -> Double.compare(b.sparsity(), a.sparsity()));
        if (met.isEmpty()) {
            t.append("**No penalty reaches the target.** The closest points:\n\n");
            Point within = null;
            Point sparse = null;
            for (Point p : points) {
                if (p.valAcc() >= floor && (within == null || p.sparsity() > within.sparsity())) {
                    within = p;
                }
                if (p.sparsity() >= TARGET_SPARSITY
                        && (sparse == null || p.valAcc() > sparse.valAcc())) {
                    sparse = p;
                }
            }
            t.append(
                    within == null
                            ? String.format(
                                    Locale.ROOT,
                                    "- no Stage III model is within %.1f pp of the original%n",
                                    TARGET_GAP_PP)
                            : String.format(
                                    Locale.ROOT,
                                    "- the sparsest within %.1f pp: %s%n",
                                    TARGET_GAP_PP,
                                    line(within, clips)));
            t.append(
                    sparse == null
                            ? String.format(
                                    Locale.ROOT,
                                    "- no Stage III model reaches %.0f %% channel sparsity%n",
                                    TARGET_SPARSITY)
                            : String.format(
                                    Locale.ROOT,
                                    "- the most accurate at %.0f %% or more: %s%n",
                                    TARGET_SPARSITY,
                                    line(sparse, clips)));
        } else {
            t.append(
                    String.format(
                            "**%s reaches the target**: %s%n",
                            met.get(0).label(), numbers(met.get(0), clips)));
            double low = met.get(0).vsOriginal()[1];
            t.append(
                    String.format(
                            Locale.ROOT,
                            low < -TARGET_GAP_PP
                                    ? "%nOne seed cannot settle it: the paired interval of its"
                                            + " difference from the original reaches %.1f pp, below"
                                            + " the target's −%.1f.%n"
                                    : "%nThe paired interval of its difference from the original"
                                            + " stays above −%2$.1f pp (its low end: %1$.1f).%n",
                            low,
                            TARGET_GAP_PP));
            for (Point p : met.subList(1, met.size())) {
                t.append("- also: ").append(line(p, clips)).append("\n");
            }
            boolean moon =
                    met.stream()
                            .anyMatch(
                                    p ->
                                            p.sparsity() >= MOONSHOT_SPARSITY
                                                    && p.valAcc() >= originalVal - MOONSHOT_GAP_PP);
            t.append(
                    moon
                            ? "\nThe moonshot is reached too.\n"
                            : String.format(
                                    Locale.ROOT,
                                    "%nThe moonshot (%.0f %% within %.1f pp) is not.%n",
                                    MOONSHOT_SPARSITY,
                                    MOONSHOT_GAP_PP));
        }
        if (groupLasso != null) {
            t.append(
                    String.format(
                            Locale.ROOT,
                            "%nFor reference, the paper's RGSM λ = 0.05 after Stage III: %.1f %% at"
                                    + " %.1f %% channel sparsity in the paper (%.1f pp below its"
                                    + " original), %.1f %% at %.1f %% here.%n",
                            PaperValues.T3_005.accuracy(),
                            PaperValues.T3_005.sparsity(),
                            PaperValues.ORIGINAL.accuracy() - PaperValues.T3_005.accuracy(),
                            groupLasso.valAcc(),
                            groupLasso.sparsity()));
        }
        return t.toString().strip();
    }

    /** 0.001 as "0.001", not "0.00100" or "1.0E-3". */
    private static String plain(double v) {
        return BigDecimal.valueOf(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static String thresholdText(RunDefinition b) {
        return b.hyper().penalty().cuts() == Penalty.Cut.GROUP_NORM
                ? String.format(
                        Locale.ROOT, "group norm %s, %s", plain(StudyRuns.threshold(b)), b.target())
                : String.format(
                        Locale.ROOT, "|w| %s, %s", plain(StudyRuns.threshold(b)), b.target());
    }

    private static String line(Point p, int clips) {
        return p.label() + ": " + numbers(p, clips);
    }

    private static String numbers(Point p, int clips) {
        return String.format(
                Locale.ROOT,
                "%.1f %% channel sparsity, %.1f %% validation %s, %+.1f pp against the"
                        + " original [%.1f, %.1f] (paired 95 %%)",
                p.sparsity(),
                p.valAcc(),
                Binomial.wilson95Text(p.valAcc(), clips),
                p.vsOriginal()[0],
                p.vsOriginal()[1],
                p.vsOriginal()[2]);
    }
}
