package io.slimkws.paper;

import io.slimkws.train.Hyper;
import io.slimkws.train.IncompleteRunException;
import io.slimkws.train.RunResult;
import io.slimkws.train.RunSpec;
import io.slimkws.train.RunState;
import io.slimkws.train.Schedule;
import io.slimkws.train.Stage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calibration runs that decide a profile's k: each run the profile calibrates (e.g. the
 * original, RGSM λ = 0.05, the run of the paper's Figs. 2-3, and Stage II) at every k of its list
 * ({@code calibration} in profiles.json). At the profile's own k they are the profile's own runs,
 * so nothing trains twice; a warm-started run at another k starts from the profile's own run.
 */
public final class Calibration {
    private final Experiments exp;

    private Calibration(Experiments exp) {
        this.exp = exp;
    }

    public static Calibration of(Experiments exp) {
        return new Calibration(exp);
    }

    /** One calibration run: the run it compresses and its spec at one k. */
    record Point(RunDefinition run, RunSpec spec) {}

    /**
     * Seed 1's calibration runs, then each later seed's for the runs that seed repeats (--seeds,
     * --seeds-for).
     */
    public List<RunSpec> specs() {
        List<RunSpec> out = new ArrayList<>();
        for (Experiments e : exp.perSeed()) {
            for (Point c : Calibration.of(e).points()) {
                if (e.trains(c.run())) {
                    out.add(c.spec());
                }
            }
        }
        return out;
    }

    private List<Point> points() {
        List<Point> out = new ArrayList<>();
        exp.profile()
                .calibration()
                .forEach(
                        (target, ks) -> {
                            RunDefinition r;
                            try {
                                r = PaperRun.byTarget(target);
                            } catch (IllegalArgumentException e) {
                                throw new IllegalStateException(
                                        "profile "
                                                + exp.profile().id()
                                                + " in profiles.json, calibration: "
                                                + e.getMessage(),
                                        e);
                            }
                            for (double k : ks) {
                                out.add(new Point(r, atCompression(r, k)));
                            }
                        });
        return out;
    }

    /**
     * Trains this seed's calibration runs not yet finished (after seed 1, those of the runs it
     * repeats), cheapest first so that the calibration table fills in early.
     */
    public void train() throws IOException {
        List<Point> runs = new ArrayList<>(points());
        runs.removeIf(c -> !exp.trains(c.run()));
        runs.sort(Comparator.comparingLong(c -> c.spec().schedule().samples()));
        for (Point c : runs) {
            exp.run(c.run(), c.spec());
        }
    }

    /**
     * A run with its schedule compressed k-fold instead of the profile's (named "-kK"; the
     * profile's own run at its own k).
     */
    public RunSpec atCompression(RunDefinition r, double k) {
        if (!(k >= 1)) {
            throw new IllegalArgumentException("compression k must be at least 1, got " + k);
        }
        RunSpec base = exp.spec(r);
        if (k == Schedule.compression(exp.profile(), r.stage(), r.algorithm(), r.target())) {
            return base;
        }
        String kName = k == Math.rint(k) ? String.valueOf((long) k) : String.valueOf(k);
        // Stage III's ρ scales with k like its learning rate (see Experiments#spec); the warm
        // start stays the profile's.
        Hyper h = base.stage() == Stage.III ? Hyper.bc(r.hyper().rho() * k) : base.hyper();
        return new RunSpec(
                base.name() + "-k" + kName,
                base.stage(),
                base.algorithm(),
                h,
                Schedule.compressedUnder(
                        exp.profile(), base.stage(), base.algorithm(), k, r.target()),
                base.profile(),
                base.dataFingerprint(),
                base.seed(),
                base.warmStart());
    }

    /**
     * The calibration runs (never trains: {@code ./reproduce calibrate} does), by spec; missing
     * ones map to null. A later seed's run is listed only once it has started: the table is seed
     * 1's evidence, with whatever repeats of it have been trained.
     */
    public Map<RunSpec, RunResult> results() throws IOException {
        Map<RunSpec, RunResult> m = new LinkedHashMap<>();
        for (RunSpec s : specs()) {
            if (s.seed() != Experiments.SEED
                    && exp.store().state(s).kind() == RunState.Kind.NOT_STARTED) {
                continue;
            }
            RunResult r;
            try {
                r = exp.store().cached(s);
            } catch (IncompleteRunException e) {
                exp.out()
                        .println(
                                s.name()
                                        + ": "
                                        + e.getMessage()
                                        + " (not shown; ./reproduce calibrate trains it again)");
                r = null;
            }
            m.put(s, r);
        }
        return m;
    }
}
