package io.slimkws.paper;

import io.slimkws.report.Figures;
import io.slimkws.report.Plot;
import io.slimkws.train.RunResult;
import io.slimkws.train.Schedule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paper's Figs. 2, 3, 4, 6 and 7 drawn from our runs, with the paper's reported values on the
 * plot (not only in the title), accuracy and sparsity on fixed 0-100 % axes, and the x-axis in
 * epochs of the paper's schedule, so that a compressed run and the paper's line up: step s of a run
 * of S steps sits at the paper's epoch s / S × (the paper's steps of that stage) / 360 (the paper:
 * 18,000 iterations are "about 50 epochs").
 */
public final class PaperFigures {
    /** The paper's iterations per epoch: "18000 iterations (default, about 50 epochs)". */
    public static final double PAPER_STEPS_PER_EPOCH =
            (double) PaperValues.STAGE1_STEPS / PaperValues.STAGE1_EPOCHS;

    private PaperFigures() {}

    /** The paper-epoch of each logged step of {@code r}, and the logged column. */
    public static double[][] curve(RunResult r, String column) throws IOException {
        var log = r.log();
        double[] step = log.numberColumn("step").asDoubleArray();
        double[] y = log.numberColumn(column).asDoubleArray();
        double paperSteps = Schedule.paper(r.spec().stage()).steps();
        double[] epoch = new double[step.length];
        for (int i = 0; i < step.length; i++) {
            epoch[i] = step[i] / r.spec().schedule().steps() * paperSteps / PAPER_STEPS_PER_EPOCH;
        }
        return new double[][] {epoch, y};
    }

    /** The index of a curve's highest point (the first, if it is reached more than once). */
    static int peak(double[] y) {
        int best = 0;
        for (int i = 1; i < y.length; i++) {
            if (y[i] > y[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The x-axis title: the paper's epochs and what they are in this run's steps. */
    static String xTitle(RunResult r) {
        double paperEpochs = Schedule.paper(r.spec().stage()).steps() / PAPER_STEPS_PER_EPOCH;
        return String.format(
                "epoch of the paper's schedule (%.0f epochs = its %,d steps = %,d steps here)",
                paperEpochs, Schedule.paper(r.spec().stage()).steps(), r.spec().schedule().steps());
    }

    private static Plot perSeed(
            String title, String yTitle, String column, List<RunResult> runs, String what)
            throws IOException {
        Map<String, double[]> series = new LinkedHashMap<>();
        double[] x = curve(runs.get(0), column)[0];
        for (RunResult r : runs) {
            series.put(what + ", seed " + r.spec().seed(), curve(r, column)[1]);
        }
        return Figures.lines(title, xTitle(runs.get(0)), yTitle, x, series)
                .showLegend()
                .range("yaxis", 0, 100);
    }

    /**
     * Fig. 2: validation accuracy of Stage I RGSM at the paper's (λ, β) = (0.05, 1), one line per
     * seed.
     */
    public static Plot fig2(List<RunResult> rgsm005) throws IOException {
        double lambda = rgsm005.get(0).spec().hyper().lambda();
        return perSeed(
                        "Fig. 2: validation accuracy during Stage I, RGSM",
                        "validation accuracy (%)",
                        "val_acc",
                        rgsm005,
                        "ours, λ = "
                                + lambda
                                + (lambda == 0.05 ? " as in the paper" : " (the paper: 0.05)"))
                .mark(
                        PaperValues.FIG2_PEAK_EPOCH,
                        PaperValues.FIG2_PEAK_ABOVE,
                        "paper: peak > 80 % at epoch 20",
                        "top right")
                .mark(
                        PaperValues.STAGE1_EPOCHS,
                        PaperValues.FIG2_FINAL,
                        "paper: final 59.84 %",
                        "bottom left");
    }

    /**
     * Fig. 3: channel sparsity of conv2 during Stage I (exactly-zero groups), one line per run and
     * seed; each on its own steps, mapped to the paper's epochs.
     */
    public static Plot fig3(Map<String, List<RunResult>> runs) throws IOException {
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (var e : runs.entrySet()) {
            for (RunResult r : e.getValue()) {
                series.put(
                        e.getKey() + (e.getValue().size() > 1 ? ", seed " + r.spec().seed() : ""),
                        curve(r, "sparsity"));
            }
        }
        RunResult first = runs.values().iterator().next().get(0);
        return Figures.xyLines(
                        "Fig. 3: channel sparsity of conv2 during Stage I",
                        xTitle(first),
                        "channel sparsity (%)",
                        series)
                .showLegend()
                .range("yaxis", 0, 100)
                .mark(
                        PaperValues.FIG3_ONSET_EPOCH,
                        0,
                        "paper: sparsity starts at epoch 20",
                        "top right")
                .mark(
                        PaperValues.STAGE1_EPOCHS,
                        PaperValues.FIG3_FINAL,
                        "paper: RGSM λ = 0.05 ends at 56.3 %");
    }

    /** Fig. 4: which of conv2's 64 input channels RGSM λ = 0.05 keeps, a bar series per seed. */
    public static Plot fig4(List<RunResult> rgsm005) {
        Object[] ch = new Object[64];
        for (int g = 0; g < 64; g++) {
            ch[g] = g + 1;
        }
        Map<String, double[]> keep = new LinkedHashMap<>();
        List<String> kept = new ArrayList<>();
        for (RunResult r : rgsm005) {
            double[] k = new double[64];
            for (int g = 0; g < 64; g++) {
                k[g] = r.mask().kept(g) ? 1 : 0;
            }
            keep.put("seed " + r.spec().seed() + ": " + r.mask().keptCount() + " kept", k);
            kept.add(String.format("%d (%.1f %%)", r.mask().keptCount(), r.sparsity()));
        }
        Plot p =
                Figures.bars(
                        String.format(
                                "Fig. 4: conv2's input channels kept after Stage I, RGSM λ = %s: %s"
                                        + " of 64",
                                rgsm005.get(0).spec().hyper().lambda(),
                                String.join(
                                        " / ",
                                        rgsm005.stream()
                                                .map(r -> Integer.toString(r.mask().keptCount()))
                                                .toList())),
                        "channel",
                        "kept (1) or removed (0)",
                        ch,
                        keep);
        return (rgsm005.size() > 1 ? p.showLegend() : p)
                .range("yaxis", 0, 1.25)
                .level(
                        1.12,
                        String.format(
                                "paper: %d of 64 kept (sparsity %.1f %%); ours: %s kept",
                                PaperValues.FIG4_KEPT,
                                PaperValues.FIG3_FINAL,
                                String.join(" / ", kept)));
    }

    /** Fig. 6: validation accuracy during Stage II (float retraining of the pruned network). */
    public static Plot fig6(List<RunResult> stage2) throws IOException {
        return retraining(
                "Fig. 6: validation accuracy during Stage II, float weight retraining",
                stage2,
                "ours, float retraining",
                PaperValues.FIG6_FINAL,
                "87.94",
                "Fig. 7",
                "binary",
                "Fig. 6");
    }

    /** Fig. 7: validation accuracy during Stage III (binary weights). */
    public static Plot fig7(List<RunResult> stage3) throws IOException {
        return retraining(
                "Fig. 7: validation accuracy during Stage III, binary weights",
                stage3,
                "ours, binary weights",
                PaperValues.FIG7_FINAL,
                "87",
                "Fig. 6",
                "float",
                "Fig. 7");
    }

    /**
     * Figs. 6 and 7: a warm-started stage's accuracy per seed, the paper's last-epoch value, and
     * the text-vs-caption note.
     */
    private static Plot retraining(
            String title,
            List<RunResult> runs,
            String what,
            double paperFinal,
            String paperText,
            String textSays,
            String other,
            String otherIs)
            throws IOException {
        return perSeed(title, "validation accuracy (%)", "val_acc", runs, what)
                .mark(
                        Schedule.paper(runs.get(0).spec().stage()).steps() / PAPER_STEPS_PER_EPOCH,
                        paperFinal,
                        "paper: last epoch " + paperText + " %",
                        "bottom left")
                .caption(
                        "The paper's text describes this figure as "
                                + textSays
                                + " and the "
                                + other
                                + " one as "
                                + otherIs
                                + "; its captions, followed here, say the opposite.");
    }
}
