package io.slimkws.paper;

import io.slimkws.model.Speedup;
import io.slimkws.prox.Groups;
import io.slimkws.report.Binomial;
import io.slimkws.report.Claims;
import io.slimkws.report.Claims.Verdict;
import io.slimkws.theory.ToyRgsm;
import io.slimkws.train.RunResult;
import io.slimkws.train.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import tech.tablesaw.api.Table;

/**
 * The claims of Lyu and Sheen (2019), judged on our runs. Every paper number comes from {@link
 * PaperValues}. Our accuracies are means over seeds, each with the half-width of its 95 % interval
 * on the validation set, 1.96·√(p(1 − p)/n); a comparison of two accuracies uses the root sum of
 * squares of theirs. A verdict is PASS or FAIL only when the whole interval agrees. Channel
 * sparsity is exact (counts of exactly-zero groups, as the paper counts them), so its comparisons
 * are strict and a tie fails.
 */
public final class PaperClaims {
    /** Tolerance of a paper number (accuracy, pp) on this corpus, and of a sparsity (pp). */
    public static final double ACCURACY_TOLERANCE = 2.0;

    public static final double SPARSITY_TOLERANCE = 5.0;

    /** "At the level of the original" (Stage II) and "nearly keeps" (Stage III), in pp. */
    public static final double STAGE2_LEVEL = 1.5;

    public static final double STAGE3_KEEPS = 2.0;

    /**
     * Fig. 3: the onset of sparsity "agrees with" the peak of Fig. 2: within this share of the run.
     */
    public static final double ONSET_AGREES = 0.10;

    /** The runs of Tables 1-3, each a list over seeds. */
    public record Runs(
            List<RunResult> original,
            List<RunResult> gl,
            List<RunResult> rgsm004,
            List<RunResult> rgsm005,
            List<RunResult> gsbc,
            List<RunResult> stage2004,
            List<RunResult> stage2005,
            List<RunResult> stage3004,
            List<RunResult> stage3005) {
        /**
         * Every paper run under every seed of {@code e} (trained, or loaded when finished earlier).
         */
        public static Runs of(Experiments e) throws IOException {
            return new Runs(
                    e.acrossSeeds(PaperRun.ORIGINAL),
                    e.acrossSeeds(PaperRun.GL),
                    e.acrossSeeds(PaperRun.RGSM_004),
                    e.acrossSeeds(PaperRun.RGSM_005),
                    e.acrossSeeds(PaperRun.GSBC_004),
                    e.acrossSeeds(PaperRun.STAGE2_004),
                    e.acrossSeeds(PaperRun.STAGE2_005),
                    e.acrossSeeds(PaperRun.STAGE3_004),
                    e.acrossSeeds(PaperRun.STAGE3_005));
        }
    }

    private PaperClaims() {}

    /** Standard error (pp) of an accuracy of {@code pct} % measured on n clips. */
    /**
     * Half-width (pp) of the 95 % interval of an accuracy of {@code pct} % on n clips (normal
     * approximation).
     */
    public static double ci(double pct, int n) {
        return Binomial.Z95 * se(pct, n);
    }

    public static double se(double pct, int n) {
        double p = Math.max(0, Math.min(1, pct / 100));
        return 100 * Math.sqrt(p * (1 - p) / n);
    }

    static double mean(List<RunResult> runs, ToDoubleFunction<RunResult> f) {
        return runs.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    static double val(List<RunResult> r) {
        return mean(r, RunResult::valAcc);
    }

    static double sparsity(List<RunResult> r) {
        return mean(r, RunResult::sparsity);
    }

    /**
     * The claims of the abstract and Sections 4-5 on these runs, n validation clips; invariant
     * checks apart.
     */
    public static Claims of(Runs r, int n) throws IOException {
        Claims c = new Claims();
        double orig = val(r.original());
        double ciOrig = ci(orig, n);

        // Abstract: one model (one λ) with over 50 % sparsity and at most 0.25 pp loss.
        Verdict abstractClaim = Verdict.FAIL;
        StringBuilder oursAbstract = new StringBuilder();
        for (int i = 0; i < 2; i++) {
            List<RunResult> s3 = i == 0 ? r.stage3004() : r.stage3005();
            double sp = sparsity(s3);
            double loss = orig - val(s3);
            double ciLoss = Math.hypot(ciOrig, ci(val(s3), n));
            Verdict v =
                    Claims.positive(sp - PaperValues.ABSTRACT_MIN_SPARSITY, 0)
                            .and(
                                    Claims.within(
                                            loss,
                                            ciLoss,
                                            Double.NEGATIVE_INFINITY,
                                            PaperValues.ABSTRACT_MAX_ACCURACY_LOSS));
            abstractClaim = abstractClaim.or(v);
            oursAbstract
                    .append(i == 0 ? "λ = 0.04: " : "; λ = 0.05: ")
                    .append(
                            String.format(
                                    "%.1f %% sparsity, loss %.2f ± %.2f pp (%s)",
                                    sp, loss, ciLoss, v.label()));
        }
        c.add(
                "One final (pruned + binarised) model has over 50 % channel sparsity and loses at"
                        + " most 0.25 pp",
                "Abstract",
                String.format(
                        "λ = 0.04: %.1f %%, %.1f → %.1f",
                        PaperValues.T3_004.sparsity(),
                        PaperValues.ORIGINAL.accuracy(),
                        PaperValues.T3_004.accuracy()),
                oursAbstract.toString(),
                "both on the same model, for some λ",
                abstractClaim,
                "07");

        c.number(
                "Original network accuracy",
                "Table 1",
                PaperValues.ORIGINAL.accuracy(),
                orig,
                ciOrig,
                ACCURACY_TOLERANCE,
                " %",
                "04");

        // GL: accuracy, and sparsity counted as the paper counts it (exact zeros).
        double glAcc = val(r.gl());
        c.number(
                "GL μ = 0.6: Stage I accuracy",
                "Table 1",
                PaperValues.T1_GL.accuracy(),
                glAcc,
                ci(glAcc, n),
                ACCURACY_TOLERANCE,
                " %",
                "04");
        double glExact = mean(r.gl(), PaperTables::exactZeroSparsity);
        double glSmall = mean(r.gl(), PaperClaims::smallGroupSparsity);
        c.add(
                "GL μ = 0.6: Stage I channel sparsity (exactly-zero groups)",
                "Table 1",
                Claims.fmt(PaperValues.T1_GL.sparsity()) + " %",
                String.format(
                        "%.2f %% (%.1f %% of groups have a norm ≤ %s)",
                        glExact, glSmall, Trainer.GL_TOLERANCE),
                "|ours − paper| ≤ " + Claims.fmt(SPARSITY_TOLERANCE) + " %",
                Claims.within(
                        glExact - PaperValues.T1_GL.sparsity(),
                        0,
                        -SPARSITY_TOLERANCE,
                        SPARSITY_TOLERANCE),
                "04");

        double r4 = val(r.rgsm004());
        double r5 = val(r.rgsm005());
        double sp4 = sparsity(r.rgsm004());
        double sp5 = sparsity(r.rgsm005());
        c.add(
                "RGSM prunes more than GL",
                "Section 4, Table 1",
                String.format(
                        "%.1f %% vs %.1f %%",
                        PaperValues.T1_RGSM_004.sparsity(), PaperValues.T1_GL.sparsity()),
                String.format("%.1f %% vs %.1f %%", sp4, glExact),
                "RGSM λ = 0.04 > GL (exact zeros)",
                Claims.positive(sp4 - glExact, 0),
                "04");
        c.number(
                "RGSM λ = 0.04: Stage I accuracy",
                "Table 1",
                PaperValues.T1_RGSM_004.accuracy(),
                r4,
                ci(r4, n),
                ACCURACY_TOLERANCE,
                " %",
                "04");
        c.number(
                "RGSM λ = 0.04: Stage I sparsity",
                "Table 1",
                PaperValues.T1_RGSM_004.sparsity(),
                sp4,
                0,
                SPARSITY_TOLERANCE,
                " %",
                "04");
        c.number(
                "RGSM λ = 0.05: Stage I accuracy",
                "Table 1, Fig. 2",
                PaperValues.T1_RGSM_005.accuracy(),
                r5,
                ci(r5, n),
                ACCURACY_TOLERANCE,
                " %",
                "04");
        c.number(
                "RGSM λ = 0.05: Stage I sparsity",
                "Table 1, Figs. 3-4",
                PaperValues.T1_RGSM_005.sparsity(),
                sp5,
                0,
                SPARSITY_TOLERANCE,
                " %",
                "04");
        double ciR = Math.hypot(ci(r4, n), ci(r5, n));
        c.add(
                "Larger λ gives more sparsity and less accuracy",
                "Table 1",
                String.format(
                        "%.1f > %.1f %%; %.1f < %.1f %%",
                        PaperValues.T1_RGSM_005.sparsity(),
                        PaperValues.T1_RGSM_004.sparsity(),
                        PaperValues.T1_RGSM_005.accuracy(),
                        PaperValues.T1_RGSM_004.accuracy()),
                String.format(
                        "%.1f vs %.1f %%; accuracy %.2f − %.2f = %.2f ± %.2f pp",
                        sp5, sp4, r4, r5, r4 - r5, ciR),
                "sparsity strictly larger; accuracy lower beyond its 95 % interval",
                Claims.positive(sp5 - sp4, 0).and(Claims.positive(r4 - r5, ciR)),
                "04");

        double g = val(r.gsbc());
        double spg = sparsity(r.gsbc());
        c.number(
                "GSBC λ = 0.04: Stage I accuracy",
                "Table 1",
                PaperValues.T1_GSBC_004.accuracy(),
                g,
                ci(g, n),
                ACCURACY_TOLERANCE,
                " %",
                "04");
        c.number(
                "GSBC λ = 0.04: Stage I sparsity",
                "Table 1",
                PaperValues.T1_GSBC_004.sparsity(),
                spg,
                0,
                SPARSITY_TOLERANCE,
                " %",
                "04");
        double ciG = Math.hypot(ci(g, n), ci(r4, n));
        c.add(
                "GSBC: higher accuracy but lower, non-zero sparsity than RGSM at the same λ",
                "Section 4, Table 1",
                String.format(
                        "%.1f > %.1f %%; 0 < %.1f < %.1f %%",
                        PaperValues.T1_GSBC_004.accuracy(),
                        PaperValues.T1_RGSM_004.accuracy(),
                        PaperValues.T1_GSBC_004.sparsity(),
                        PaperValues.T1_RGSM_004.sparsity()),
                String.format(
                        "accuracy %.2f − %.2f = %.2f ± %.2f pp; sparsity %.1f vs %.1f %%",
                        g, r4, g - r4, ciG, spg, sp4),
                "accuracy higher beyond its 95 % interval; 0 < GSBC sparsity < RGSM sparsity",
                Claims.positive(g - r4, ciG)
                        .and(Claims.positive(spg, 0))
                        .and(Claims.positive(sp4 - spg, 0)),
                "04");

        // Figs. 2-3 on each seed's RGSM λ = 0.05 run: a shape holds when it holds on every seed.
        List<String> slides = new ArrayList<>();
        List<String> onsets = new ArrayList<>();
        Verdict slideVerdict = null;
        Verdict onsetVerdict = null;
        for (RunResult fig : r.rgsm005()) {
            double[][] acc =
                    PaperFigures.curve(fig, "val_acc"); // x in epochs of the paper's schedule
            int peak = PaperFigures.peak(acc[1]);
            double epochs = acc[0][acc[0].length - 1];
            double slide = acc[1][peak] - fig.valAcc();
            double ciSlide = Math.hypot(ci(acc[1][peak], n), ci(fig.valAcc(), n));
            String seed = r.rgsm005().size() > 1 ? "seed " + fig.spec().seed() + ": " : "";
            slides.add(
                    String.format(
                            "%speak %.2f %% at paper-epoch %.1f of %.0f (%.0f %% of the run), final"
                                    + " %.2f %%: slide %.2f ± %.2f pp",
                            seed,
                            acc[1][peak],
                            acc[0][peak],
                            epochs,
                            100 * acc[0][peak] / epochs,
                            fig.valAcc(),
                            slide,
                            ciSlide));
            Verdict v = Claims.positive(slide, ciSlide);
            slideVerdict = slideVerdict == null ? v : slideVerdict.agree(v);
            int zeroStep = CalibrationTable.firstZeroStep(fig);
            double onset =
                    zeroStep < 0 ? Double.NaN : (double) zeroStep / fig.spec().schedule().steps();
            double peakShare = acc[0][peak] / epochs;
            double resolution =
                    (double) fig.spec().schedule().evalEvery() / fig.spec().schedule().steps();
            onsets.add(
                    seed
                            + (zeroStep < 0
                                    ? "no group became zero"
                                    : String.format(
                                            "first zero group at %.0f %% of the run, peak at %.0f"
                                                    + " %% (evaluations every %.0f %%)",
                                            100 * onset, 100 * peakShare, 100 * resolution)));
            Verdict o = Claims.within(onset - peakShare, resolution, -ONSET_AGREES, ONSET_AGREES);
            onsetVerdict = onsetVerdict == null ? o : onsetVerdict.agree(o);
        }
        c.add(
                "RGSM λ = 0.05: accuracy peaks, then slides as sparsity appears",
                "Section 4, Fig. 2",
                String.format(
                        "peak > %.0f %% at epoch %.0f of %d, final %.2f %%",
                        PaperValues.FIG2_PEAK_ABOVE,
                        PaperValues.FIG2_PEAK_EPOCH,
                        PaperValues.STAGE1_EPOCHS,
                        PaperValues.FIG2_FINAL),
                String.join("; ", slides),
                "slide beyond its 95 % interval, on every seed",
                slideVerdict,
                "04");
        c.add(
                "RGSM λ = 0.05: sparsity sets in where the accuracy peaks",
                "Section 4, Fig. 3",
                String.format(
                        "both at epoch %.0f of %d (%.0f %% of the run)",
                        PaperValues.FIG3_ONSET_EPOCH,
                        PaperValues.STAGE1_EPOCHS,
                        100 * PaperValues.FIG3_ONSET_EPOCH / PaperValues.STAGE1_EPOCHS),
                String.join("; ", onsets),
                "|onset − peak| ≤ "
                        + Math.round(100 * ONSET_AGREES)
                        + " % of the run, on every seed",
                onsetVerdict,
                "04");

        // Stages II and III.
        double s24 = val(r.stage2004());
        double s25 = val(r.stage2005());
        double s34 = val(r.stage3004());
        double s35 = val(r.stage3005());
        double ci24 = Math.hypot(ci(s24, n), ci(r4, n));
        double ci25 = Math.hypot(ci(s25, n), ci(r5, n));
        c.add(
                "Stage II recovers the accuracy lost in Stage I",
                "Section 4, Table 2",
                String.format(
                        "%.1f → %.1f, %.1f → %.1f",
                        PaperValues.T1_RGSM_004.accuracy(),
                        PaperValues.T2_004.accuracy(),
                        PaperValues.T1_RGSM_005.accuracy(),
                        PaperValues.T2_005.accuracy()),
                String.format(
                        "%.2f → %.2f (+%.2f ± %.2f), %.2f → %.2f (+%.2f ± %.2f)",
                        r4, s24, s24 - r4, ci24, r5, s25, s25 - r5, ci25),
                "both rise beyond their 95 % intervals",
                Claims.positive(s24 - r4, ci24).and(Claims.positive(s25 - r5, ci25)),
                "06");
        double ciO4 = Math.hypot(ci(s24, n), ciOrig);
        double ciO5 = Math.hypot(ci(s25, n), ciOrig);
        c.add(
                "After Stage II the pruned models are at the level of the original",
                "Section 4",
                String.format(
                        "%.1f, %.1f vs %.1f",
                        PaperValues.T2_004.accuracy(),
                        PaperValues.T2_005.accuracy(),
                        PaperValues.ORIGINAL.accuracy()),
                String.format(
                        "%.2f ± %.2f and %.2f ± %.2f pp from the original",
                        s24 - orig, ciO4, s25 - orig, ciO5),
                "within ± " + Claims.fmt(STAGE2_LEVEL) + " pp",
                Claims.within(s24 - orig, ciO4, -STAGE2_LEVEL, STAGE2_LEVEL)
                        .and(Claims.within(s25 - orig, ciO5, -STAGE2_LEVEL, STAGE2_LEVEL)),
                "06");
        c.number(
                "Stage II λ = 0.04 accuracy",
                "Table 2",
                PaperValues.T2_004.accuracy(),
                s24,
                ci(s24, n),
                ACCURACY_TOLERANCE,
                " %",
                "06");
        c.number(
                "Stage II λ = 0.05 accuracy",
                "Table 2, Fig. 6",
                PaperValues.T2_005.accuracy(),
                s25,
                ci(s25, n),
                ACCURACY_TOLERANCE,
                " %",
                "06");
        c.number(
                "Stage III λ = 0.04 accuracy",
                "Table 3",
                PaperValues.T3_004.accuracy(),
                s34,
                ci(s34, n),
                ACCURACY_TOLERANCE,
                " %",
                "07");
        c.number(
                "Stage III λ = 0.05 accuracy",
                "Table 3, Fig. 7",
                PaperValues.T3_005.accuracy(),
                s35,
                ci(s35, n),
                ACCURACY_TOLERANCE,
                " %",
                "07");
        double ci34 = Math.hypot(ci(s34, n), ci(s24, n));
        double ci35 = Math.hypot(ci(s35, n), ci(s25, n));
        c.add(
                "Binarization nearly keeps the Stage II accuracy",
                "Section 4",
                String.format(
                        "%.1f and %.1f pp",
                        PaperValues.T3_004.accuracy() - PaperValues.T2_004.accuracy(),
                        PaperValues.T3_005.accuracy() - PaperValues.T2_005.accuracy()),
                String.format("%.2f ± %.2f and %.2f ± %.2f pp", s34 - s24, ci34, s35 - s25, ci35),
                "loss at most " + Claims.fmt(STAGE3_KEEPS) + " pp",
                Claims.within(s34 - s24, ci34, -STAGE3_KEEPS, Double.POSITIVE_INFINITY)
                        .and(
                                Claims.within(
                                        s35 - s25, ci35, -STAGE3_KEEPS, Double.POSITIVE_INFINITY)),
                "07");

        // Invariants: true by construction, shown apart.
        int glZeros = (int) Math.round(64 * glExact / 100);
        c.invariant(
                "GL's subgradient step leaves no group exactly zero",
                "Section 4",
                glZeros + " of 64 groups exactly zero (mean over seeds)",
                glZeros == 0,
                "04");
        boolean masksKept = true;
        for (int i = 0; i < r.stage3004().size(); i++) {
            masksKept &=
                    r.stage3004()
                            .get(i)
                            .mask()
                            .toString()
                            .equals(r.rgsm004().get(i).mask().toString());
        }
        for (int i = 0; i < r.stage3005().size(); i++) {
            masksKept &=
                    r.stage3005()
                            .get(i)
                            .mask()
                            .toString()
                            .equals(r.rgsm005().get(i).mask().toString());
        }
        c.invariant(
                "Stages II and III keep Stage I's mask",
                "Section 4",
                String.format(
                        "%.1f / %.1f %% after Stage III",
                        sparsity(r.stage3004()), sparsity(r.stage3005())),
                masksKept,
                "06, 07");
        return c;
    }

    /**
     * Section 5's speed-up, from notebook 08's timing table (rows dense, masked, pruned; columns
     * "latency / dense", "throughput / dense" and the saving's lowest and highest round): passes
     * when pruning saves at least the paper's 28.87 % in every round, fails when it saves less in
     * every round, and is not resolved when the rounds straddle the paper's figure (this host's
     * noise).
     */
    public static void speedup(Claims c, Table timing, int keptChannels) {
        var pruned = Speedup.saving(timing, Speedup.PRUNED);
        double lowest = pruned.lowestRound();
        double highest = pruned.highestRound();
        int paperKept = (int) Math.round(64 * (1 - PaperValues.T2_005.sparsity() / 100));
        Verdict v =
                lowest >= PaperValues.SPEEDUP_PERCENT
                        ? Verdict.PASS
                        : highest < PaperValues.SPEEDUP_PERCENT
                                ? Verdict.FAIL
                                : Verdict.NOT_RESOLVED;
        c.add(
                "The pruned float network (Fig. 5) runs as much as 28.87 % faster on a CPU",
                "Section 5",
                PaperValues.SPEEDUP_PERCENT + " % (" + paperKept + " of 64 channels kept)",
                String.format(
                        "%.1f %% less time at batch 1 (%.1f to %.1f %% round by round), %.0f %%"
                                + " more clips/s at batch 100 (%d of 64 kept)",
                        pruned.lessTime(), lowest, highest, pruned.moreThroughput(), keptChannels),
                "≥ " + PaperValues.SPEEDUP_PERCENT + " % less time in every timing round",
                v,
                "08");
    }

    /**
     * Theorem 1 on the toy problem of notebook 05: an invariant check of the theorem's conclusion
     * where its assumptions hold.
     */
    public static void theorem1Toy(Claims c) {
        var toy = new ToyRgsm(8, 3, 24, 40, 0.05, 5);
        var it = toy.run(0.5, 1.0, 0.9 / (toy.lipschitz() + 1.0), 400, 1);
        boolean mono = true;
        for (int i = 1; i < it.size(); i++) {
            mono &= it.get(i).lagrangian() <= it.get(i - 1).lagrangian() + 1e-12;
        }
        double residual = it.get(it.size() - 1).equilibriumResidual();
        c.invariant(
                "Theorem 1 on a toy least-squares problem with η < η0: the Lagrangian descends and"
                        + " (3.9) holds in the limit",
                "Section 3.2",
                String.format("monotone: %s, ‖∇ℓ − β(u − w)‖ = %.1e", mono, residual),
                mono && residual < 1e-6,
                "05");
    }

    /**
     * Channel sparsity (%) counting groups whose norm is at most Trainer.GL_TOLERANCE, as GL's log
     * does (extra information for GL).
     */
    static double smallGroupSparsity(RunResult r) {
        try {
            double[] n = r.groupNorms();
            return 100.0 * Groups.countAtMost(n, Trainer.GL_TOLERANCE) / n.length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
