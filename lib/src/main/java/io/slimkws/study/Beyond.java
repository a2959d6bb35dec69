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
import io.slimkws.report.Figures;
import io.slimkws.report.Plot;
import io.slimkws.train.RunResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** One row per run of the sweep: penalty, thresholds, accuracy, channel and weight sparsity. */
    public static Table table(Map<RunDefinition, Outcome> outcomes) throws IOException {
        Map<RunDefinition, RunResult> sweep = results(outcomes);
        StringColumn family = StringColumn.create("penalty");
        DoubleColumn lambda = DoubleColumn.create("λ (group)");
        StringColumn le = StringColumn.create("inner penalty's parameters");
        DoubleColumn t =
                DoubleColumn.create("zeroes below (group norm for group ℓ0, |weight| otherwise)");
        DoubleColumn acc = DoubleColumn.create("validation accuracy %");
        DoubleColumn ch = DoubleColumn.create("channel sparsity %");
        DoubleColumn wt = DoubleColumn.create("zero weights in kept channels %");
        for (var en : sweep.entrySet()) {
            family.append(family(en.getKey()));
            lambda.append(en.getKey().hyper().lambda());
            le.append(StudyRuns.innerParameters(en.getKey()));
            t.append(StudyRuns.threshold(en.getKey()));
            acc.append(en.getValue().valAcc());
            ch.append(en.getValue().sparsity());
            wt.append(weightSparsityInKept(en.getValue()));
        }
        return Table.create(
                "Stage I beyond group Lasso: RGSM, β = 1, one row per threshold",
                family,
                lambda,
                le,
                t,
                acc,
                ch,
                wt);
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
     * The reading, numbers first: each penalty's best run (the rule of {@link #best}), sparsest
     * first, against our RGSM group-Lasso run at the paper's λ = 0.04 on the same schedule.
     */
    public static String reading(Map<RunDefinition, Outcome> outcomes, RunResult rgsm004) {
        Map<RunDefinition, RunResult> sweep = results(outcomes);
        List<RunDefinition> bests = new ArrayList<>();
        List<String> none = new ArrayList<>();
        for (String f : sweep.keySet().stream().map(StudyRuns::family).distinct().toList()) {
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
            t.append(f).append(": every run of the sweep removed every channel (no model)\n");
        }
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
     * Accuracy against channel sparsity, one line per penalty (ordered by threshold), the paper's
     * RGSM points and ours marked.
     */
    public static Plot frontier(
            Map<RunDefinition, Outcome> outcomes, RunResult rgsm004, RunResult rgsm005) {
        Map<RunDefinition, RunResult> sweep = results(outcomes);
        Map<String, double[][]> lines = new LinkedHashMap<>();
        for (String family : StudyRuns.families()) {
            List<double[]> pts = new ArrayList<>();
            for (var e : sweep.entrySet()) {
                if (family(e.getKey()).equals(family)) {
                    pts.add(new double[] {e.getValue().sparsity(), e.getValue().valAcc()});
                }
            }
            lines.put(
                    family,
                    new double[][] {
                        pts.stream().mapToDouble(a -> a[0]).toArray(),
                        pts.stream().mapToDouble(a -> a[1]).toArray()
                    });
        }
        return Figures.xyLines(
                        "Beyond group Lasso: validation accuracy against channel sparsity after"
                                + " Stage I",
                        "channel sparsity (%)",
                        "validation accuracy (%)",
                        lines)
                .range("xaxis", 0, 100)
                .range("yaxis", 0, 100)
                .mark(
                        PaperValues.T1_RGSM_004.sparsity(),
                        PaperValues.T1_RGSM_004.accuracy(),
                        "paper: RGSM λ = 0.04")
                .mark(
                        PaperValues.T1_RGSM_005.sparsity(),
                        PaperValues.T1_RGSM_005.accuracy(),
                        "paper: RGSM λ = 0.05")
                .mark(rgsm004.sparsity(), rgsm004.valAcc(), "ours: RGSM λ = 0.04")
                .mark(rgsm005.sparsity(), rgsm005.valAcc(), "ours: RGSM λ = 0.05");
    }

    /**
     * The best run of each family through Stages II and III: accuracies, the slim model's size
     * (written to {@code models}) and the pruned network's CPU latency per batch of {@code x}.
     */
    public static Table finals(
            Experiments e,
            Map<RunDefinition, Outcome> outcomes,
            Path models,
            FeatureSet check,
            int reps)
            throws IOException {
        Map<RunDefinition, RunResult> sweep = results(outcomes);
        StringColumn family = StringColumn.create("penalty");
        StringColumn run = StringColumn.create("best run");
        DoubleColumn s1 = DoubleColumn.create("Stage I %");
        DoubleColumn sp = DoubleColumn.create("channel sparsity %");
        DoubleColumn s2 = DoubleColumn.create("Stage II %");
        DoubleColumn s3 = DoubleColumn.create("Stage III %");
        LongColumn bytes = LongColumn.create("slim model bytes");
        DoubleColumn ms = DoubleColumn.create("latency (ms)");
        INDArray x = check.slice(0, Math.min(100, check.size())).getFeatures();
        for (String f : StudyRuns.families()) {
            RunDefinition b = best(outcomes, f);
            if (b == null) {
                family.append(f);
                run.append("none: every run removed every channel");
                for (DoubleColumn c : new DoubleColumn[] {s1, sp, s2, s3, ms}) {
                    c.appendMissing();
                }
                bytes.appendMissing();
                continue;
            }
            RunResult r2 = e.run(StudyRuns.stage2(b));
            RunResult r3 = e.run(StudyRuns.stage3(b));
            family.append(f);
            run.append(b.runName());
            s1.append(sweep.get(b).valAcc());
            sp.append(sweep.get(b).sparsity());
            s2.append(r2.valAcc());
            s3.append(r3.valAcc());
            if (r3.mask().keptCount() == 0) {
                bytes.appendMissing();
                ms.appendMissing();
                continue;
            }
            bytes.append(
                    SlimModel.write(
                            r3.model(), r3.mask(), models.resolve(r3.spec().name() + ".skws")));
            ms.append(Speedup.medianMillis(PrunedNetwork.of(r3.model(), r3.mask()), x, reps));
        }
        return Table.create(
                "The best of each penalty through Stages II and III (latency: pruned float network,"
                        + " batch of "
                        + x.size(0)
                        + " clips)",
                family,
                run,
                s1,
                sp,
                s2,
                s3,
                bytes,
                ms);
    }
}
