package io.slimkws.paper;

import io.slimkws.data.Clip;
import io.slimkws.data.FeatureCache;
import io.slimkws.data.FeatureSet;
import io.slimkws.env.Settings;
import io.slimkws.model.KwsCnn;
import io.slimkws.report.Figures;
import io.slimkws.report.Plot;
import io.slimkws.theory.Equilibrium;
import io.slimkws.theory.ToyRgsm;
import io.slimkws.train.RunResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Notebook 05's checks of Theorem 1 as tables and figures: the toy RGSM's Lagrangian and residuals,
 * and the equilibrium (3.9) of the two Stage-I RGSM runs, as a whole and group by group.
 */
public final class Theorem1 {
    private Theorem1() {}

    /** The toy run's Lagrangian L_β(u^t, w^t) against t. */
    public static Plot toyLagrangian(List<ToyRgsm.Iterate> run, String title) {
        return Figures.lines(
                title,
                "iteration t",
                "L_β",
                steps(run),
                Map.of("L_β", column(run, ToyRgsm.Iterate::lagrangian, false)));
    }

    /** The toy run's step length and equilibrium residual, log10, against t. */
    public static Plot toyResiduals(List<ToyRgsm.Iterate> run, String title) {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("log10 ||Δ(u,w)||", column(run, ToyRgsm.Iterate::deltaUw, true));
        m.put(
                "log10 ||∇ℓ(w) − β(u − w)||",
                column(run, ToyRgsm.Iterate::equilibriumResidual, true));
        return Figures.lines(title, "iteration t", "log10", steps(run), m);
    }

    /**
     * Whether the toy run's Lagrangian never rises (to 1e-12), the first claim of Theorem 1 below
     * the step bound.
     */
    public static boolean lagrangianNonIncreasing(List<ToyRgsm.Iterate> run) {
        for (int t = 1; t < run.size(); t++) {
            if (run.get(t).lagrangian() > run.get(t - 1).lagrangian() + 1e-12) {
                return false;
            }
        }
        return true;
    }

    private static double[] steps(List<ToyRgsm.Iterate> run) {
        double[] t = new double[run.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = i;
        }
        return t;
    }

    private static double[] column(
            List<ToyRgsm.Iterate> run, ToDoubleFunction<ToyRgsm.Iterate> f, boolean log10) {
        double[] v = new double[run.size()];
        for (int i = 0; i < v.length; i++) {
            double x = f.applyAsDouble(run.get(i));
            v[i] = log10 ? Math.log10(Math.max(x, 1e-16)) : x;
        }
        return v;
    }

    /**
     * Every k-th training clip, n in all (the profile's theoremClips; 0: all): a sample spread over
     * every label.
     */
    static List<Clip> spread(List<Clip> clips, int n) {
        int want = n == 0 ? clips.size() : Math.min(clips.size(), n);
        List<Clip> out = new ArrayList<>();
        for (int i = 0;
                i < clips.size() && out.size() < want;
                i += Math.max(1, clips.size() / want)) {
            out.add(clips.get(i));
        }
        return out;
    }

    /**
     * (3.9) at the end of both Stage-I RGSM runs, over the profile's share of the training clips
     * (augmented once).
     */
    public static Table equilibrium(Experiments e, Settings s) throws IOException {
        List<Clip> subset = spread(e.data().training(), s.profile().theoremClips());
        FeatureSet feats =
                new FeatureCache(s.home().resolve("cache").resolve("features"))
                        .features(subset, e.data().noise());
        Table t =
                Table.create(
                        "Equilibrium (3.9) at the end of Stage I, over "
                                + feats.size()
                                + " training clips",
                        StringColumn.create("run"),
                        DoubleColumn.create("||u - Prox(w)||"),
                        DoubleColumn.create("||∇ℓ(w) - β(u - w)||"),
                        DoubleColumn.create("||∇ℓ(w)||"),
                        DoubleColumn.create("||β(u - w)||"),
                        DoubleColumn.create("L_β(u, w)"));
        for (RunDefinition pr : new RunDefinition[] {PaperRun.RGSM_004, PaperRun.RGSM_005}) {
            RunResult r = e.run(pr);
            var u = r.model().getLayer(KwsCnn.CONV2).getParam("W");
            Equilibrium q =
                    Equilibrium.of(
                            r.latentModel(),
                            u,
                            r.spec().hyper().groupProx(),
                            r.spec().hyper().beta(),
                            feats);
            t.stringColumn(0).append(r.spec().name());
            t.doubleColumn(1).append(q.proxResidual());
            t.doubleColumn(2).append(q.gradientResidual());
            t.doubleColumn(3).append(q.gradientNorm());
            t.doubleColumn(4).append(q.splittingNorm());
            t.doubleColumn(5).append(q.lagrangian());
        }
        return t;
    }

    /**
     * Theorem 1 group by group: of the zero groups, how many satisfy ‖∇_g ℓ‖ ≤ βλ; the kept groups'
     * residual.
     */
    public static Table byGroup(Experiments e, Settings s) throws IOException {
        Table t =
                Table.create(
                        "Theorem 1 group by group at the end of Stage I (∇ℓ over "
                                + s.profile().featureBatches()
                                + " augmented batches of 100, dropout on)",
                        StringColumn.create("run"),
                        IntColumn.create("groups with u_g = 0"),
                        IntColumn.create("of them ‖∇_g ℓ‖ ≤ βλ"),
                        DoubleColumn.create("share %"),
                        DoubleColumn.create("‖∇_K ℓ − β(u_K − w_K)‖, kept groups K"),
                        DoubleColumn.create("‖β(u_K − w_K)‖"));
        for (RunDefinition pr : new RunDefinition[] {PaperRun.RGSM_004, PaperRun.RGSM_005}) {
            RunResult r = e.run(pr);
            var h = r.spec().hyper();
            Equilibrium.ByGroup g =
                    Equilibrium.byGroup(
                            r.latentModel(),
                            r.model().getLayer(KwsCnn.CONV2).getParam("W"),
                            h.beta(),
                            h.lambda(),
                            e.data().training(),
                            e.data().noise(),
                            s.profile().featureBatches(),
                            1);
            t.stringColumn(0).append(r.spec().name());
            t.intColumn(1).append(g.zeroGroups());
            t.intColumn(2).append(g.zeroGroupsWithin());
            t.doubleColumn(3)
                    .append(
                            g.zeroGroups() == 0
                                    ? Double.NaN
                                    : 100.0 * g.zeroGroupsWithin() / g.zeroGroups());
            t.doubleColumn(4).append(g.keptResidual());
            t.doubleColumn(5).append(g.keptScale());
        }
        return t;
    }

    /** The Lagrangian and step length logged during a Stage-I RGSM run, over the paper's epochs. */
    public static Plot runLagrangian(RunResult r) throws IOException {
        Map<String, double[]> m = new LinkedHashMap<>();
        double[][] lag = PaperFigures.curve(r, "lagrangian");
        m.put("L_β(u, w)", lag[1]);
        m.put("||Δ(u, w)||", PaperFigures.curve(r, "delta_uw")[1]);
        return Figures.lines(
                "Stage I RGSM, λ = " + r.spec().hyper().lambda() + ": Lagrangian and step length",
                PaperFigures.xTitle(r),
                "value",
                lag[0],
                m);
    }
}
