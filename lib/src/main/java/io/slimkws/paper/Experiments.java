package io.slimkws.paper;

import io.slimkws.data.KwsData;
import io.slimkws.env.Profile;
import io.slimkws.env.Settings;
import io.slimkws.report.*;
import io.slimkws.train.*;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The paper's nine runs (Tables 1-3), declared once: the original network; Stage I with GL (μ =
 * 0.6), RGSM (λ = 0.04 and 0.05, β = 1) and GSBC (λ = 0.04); Stage II float retraining of both RGSM
 * models with their channels masked; Stage III blended BinaryConnect (ρ = 1e-5) warm-started from
 * Stage II. Each is trained at most once per profile (see {@link RunStore}).
 */
public final class Experiments {
    public static final long SEED = 1;

    private final Settings settings;
    private final KwsData data;
    private final RunStore store;
    private final PrintStream out;
    private final Map<String, RunResult> done = new LinkedHashMap<>();
    private long seed = SEED;

    /** The runs that repeat after seed 1 (--seeds-for); empty when every run does. */
    private final java.util.Set<PaperRun> repeated;

    public Experiments(Settings settings, KwsData data, PrintStream out) {
        this.repeated =
                PaperRun.withAncestors(
                        settings.seedsFor()); // a misspelt name stops here, before anything trains
        this.settings = settings;
        this.data = data;
        this.store = new RunStore(settings.home().resolve("runs"), settings.home());
        this.out = out;
    }

    public static Experiments load(Settings s) throws IOException {
        return new Experiments(s, KwsData.load(s), System.out);
    }

    /**
     * The same runs with another seed (every run's name gets "-seedN" unless N is the default 1).
     */
    public Experiments withSeed(long s) {
        Experiments e = new Experiments(settings, data, out);
        e.seed = s;
        return e;
    }

    /** The same runs under each of the settings' seeds (1..N, --seeds N), seed 1 first. */
    public java.util.List<Experiments> perSeed() {
        java.util.List<Experiments> out = new java.util.ArrayList<>();
        for (int i = 1; i <= settings.seeds(); i++) {
            out.add(withSeed(i));
        }
        return out;
    }

    /** A run of the paper under every seed, e.g. {@code exp.acrossSeeds(Experiments::original)}. */
    public java.util.List<RunResult> acrossSeeds(SeedRun run) throws IOException {
        return across(perSeed(), run);
    }

    private java.util.List<RunResult> across(java.util.List<Experiments> seeds, SeedRun run)
            throws IOException {
        java.util.List<RunResult> out = new java.util.ArrayList<>();
        for (Experiments e : seeds) {
            RunResult r = run.of(e);
            out.add(r);
            done.put(r.spec().name(), r);
        }
        return out;
    }

    /** One run of one seed's experiments. */
    @FunctionalInterface
    public interface SeedRun {
        RunResult of(Experiments e) throws IOException;
    }

    public long seed() {
        return seed;
    }

    private String named(String base) {
        return seed == SEED ? base : base + "-seed" + seed;
    }

    public KwsData data() {
        return data;
    }

    public RunStore store() {
        return store;
    }

    Profile profile() {
        return settings.profile();
    }

    public RunSpec spec(String name, Stage stage, Algorithm a, Hyper h, String warm) {
        return spec(name, stage, a, h, warm, null);
    }

    private RunSpec spec(String name, Stage stage, Algorithm a, Hyper h, String warm, String run) {
        return new RunSpec(
                name,
                stage,
                a,
                h,
                Schedule.of(profile(), stage, a, run),
                profile().id(),
                data.corpus().fingerprint(),
                seed,
                warm);
    }

    public RunResult run(RunSpec spec) throws IOException {
        RunResult r = new Runner(store, data, out).run(spec);
        done.put(spec.name(), r);
        return r;
    }

    /**
     * The specification of one of the paper's runs under this profile and seed: the paper's β, λ, μ
     * (λ times the profile's scale, 1 except under the Adam profile) and ρ times the stage's k (the
     * blend per step grows as the steps shrink, so the total blend is the paper's).
     */
    public RunSpec spec(PaperRun r) {
        Hyper p = r.hyper;
        Hyper h =
                switch (r.algorithm) {
                    case PLAIN, GL -> p;
                    case RGSM, GSBC ->
                            new Hyper(
                                    p.beta(),
                                    p.mu(),
                                    p.rho(),
                                    p.penalty().withLambda(p.lambda() * profile().lambdaScale()));
                    case BC ->
                            Hyper.bc(
                                    p.rho()
                                            * Schedule.compression(
                                                    profile(), r.stage, r.algorithm, r.target));
                };
        return spec(
                named(r.runName),
                r.stage,
                r.algorithm,
                h,
                r.warmFrom == null ? null : spec(r.warmFrom).id(),
                r.target);
    }

    /**
     * A Stage-I run beyond the paper, on the profile's Stage-I schedule (its stage record, as RGSM
     * λ = 0.04).
     */
    public RunSpec spec(BeyondRun b) {
        return spec(named(b.runName()), Stage.I, Algorithm.RGSM, b.hyper(), null);
    }

    /**
     * Stage II (float retraining with b's channels masked) after a Stage-I run beyond the paper.
     */
    public RunSpec stage2(BeyondRun b) {
        return spec(
                named(b.runName() + "-stage2"),
                Stage.II,
                Algorithm.PLAIN,
                Hyper.none(),
                spec(b).id());
    }

    /** Stage III (blended BinaryConnect, ρ × k) after {@link #stage2(BeyondRun)}. */
    public RunSpec stage3(BeyondRun b) {
        return spec(
                named(b.runName() + "-stage3"),
                Stage.III,
                Algorithm.BC,
                Hyper.bc(
                        PaperValues.RHO * Schedule.compression(profile(), Stage.III, Algorithm.BC)),
                stage2(b).id());
    }

    /** Trains (or loads) a paper run, after the run it starts from. */
    public RunResult run(PaperRun r) throws IOException {
        if (r.warmFrom != null) {
            run(r.warmFrom);
        }
        return run(spec(r));
    }

    /** A paper run under every seed it repeats with (see {@link #repeats}), seed 1 first. */
    public java.util.List<RunResult> acrossSeeds(PaperRun r) throws IOException {
        return across(perSeed().stream().filter(e -> e.trains(r)).toList(), e -> e.run(r));
    }

    /**
     * Whether a paper run repeats under the seeds after the first: every run does, unless {@code
     * --seeds-for} names some (e.g. the original and the λ = 0.05 chain for the fidelity check),
     * which then repeat with the runs they start from.
     */
    public boolean repeats(PaperRun r) {
        return repeated.isEmpty() || repeated.contains(r);
    }

    /**
     * Whether this seed trains the paper run r: seed 1 trains every run, a later seed those that
     * repeat.
     */
    public boolean trains(PaperRun r) {
        return seed == SEED || repeats(r);
    }

    /**
     * A row of Tables 1-3: the paper's values beside the run under every seed (and, for Stages
     * II/III, the Stage-I run it keeps the mask of).
     */
    public PaperTables.Pair pair(PaperRun r) throws IOException {
        return new PaperTables.Pair(
                r.paper, acrossSeeds(r), r.prunedBy() == null ? null : run(r.prunedBy()));
    }

    /** Each run's schedule under this profile, as the tables show it, with its training samples. */
    public tech.tablesaw.api.Table schedules(String title, PaperRun... runs) {
        tech.tablesaw.api.StringColumn run = tech.tablesaw.api.StringColumn.create("run");
        tech.tablesaw.api.StringColumn schedule = tech.tablesaw.api.StringColumn.create("schedule");
        tech.tablesaw.api.LongColumn samples =
                tech.tablesaw.api.LongColumn.create("training samples");
        tech.tablesaw.api.StringColumn capped =
                tech.tablesaw.api.StringColumn.create("steps the gradient cap acted on");
        for (PaperRun r : runs) {
            RunSpec s = spec(r);
            run.append(s.name());
            schedule.append(
                    s.schedule().describe(r.stage)
                            + (r.algorithm == Algorithm.BC ? ", ρ = " + s.hyper().rho() : ""));
            samples.append(s.schedule().samples());
            capped.append(capActed(s));
        }
        return tech.tablesaw.api.Table.create(
                title + " (profile " + profile().id() + ")", run, schedule, samples, capped);
    }

    /**
     * How often a run's gradient cap changed the paper's update, from its clipped.csv; never
     * trains.
     */
    private String capActed(RunSpec s) {
        if (s.schedule().clipNorm() <= 0) {
            return "- (no cap)";
        }
        try {
            RunResult r = store.cached(s);
            return r == null ? "not trained yet" : io.slimkws.train.ClipLog.actedOn(r);
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /**
     * One of Tables 1-3: the paper's rows beside these runs, with 95 % intervals on this data's
     * validation set.
     */
    public tech.tablesaw.api.Table table(String title, PaperRun... runs) throws IOException {
        PaperTables.Pair[] pairs = new PaperTables.Pair[runs.length];
        for (int i = 0; i < runs.length; i++) {
            pairs[i] = pair(runs[i]);
        }
        return PaperTables.of(title, data.validation().size(), pairs);
    }

    /**
     * Every run of Tables 1-3 this seed trains, in the order they train (warm starts after the runs
     * they start from).
     */
    public java.util.List<RunSpec> paperRuns() {
        return java.util.Arrays.stream(PaperRun.values())
                .filter(this::trains)
                .map(this::spec)
                .toList();
    }

    /**
     * The calibration runs that decide a profile's k: each run the profile calibrates (e.g. the
     * original, RGSM λ = 0.05, the run of the paper's Figs. 2-3, and Stage II) at every k of its
     * list, run by run in the profile's order. At the profile's own k they are the profile's own
     * runs, so nothing trains twice; a warm-started run at another k starts from the profile's own
     * run before it.
     */
    public java.util.List<RunSpec> calibrationSpecs() {
        return calibrationRunsAcrossSeeds().stream().map(CalibrationRun::spec).toList();
    }

    /**
     * Seed 1's calibration runs, then each later seed's for the runs that seed repeats (--seeds,
     * --seeds-for).
     */
    private java.util.List<CalibrationRun> calibrationRunsAcrossSeeds() {
        java.util.List<CalibrationRun> out = new java.util.ArrayList<>();
        for (Experiments e : perSeed()) {
            for (CalibrationRun c : e.calibrationRuns()) {
                if (e.trains(c.run())) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** One calibration run: the paper run it compresses and its spec at one k. */
    record CalibrationRun(PaperRun run, RunSpec spec) {}

    private java.util.List<CalibrationRun> calibrationRuns() {
        java.util.List<CalibrationRun> out = new java.util.ArrayList<>();
        profile()
                .calibration()
                .forEach(
                        (target, ks) -> {
                            PaperRun r;
                            try {
                                r = PaperRun.byTarget(target);
                            } catch (IllegalArgumentException e) {
                                throw new IllegalStateException(
                                        "profile "
                                                + profile().id()
                                                + " in profiles.json, calibration: "
                                                + e.getMessage(),
                                        e);
                            }
                            for (double k : ks) {
                                out.add(new CalibrationRun(r, atCompression(r, k)));
                            }
                        });
        return out;
    }

    /**
     * Trains this seed's calibration runs not yet finished (after seed 1, those of the runs it
     * repeats), cheapest first so that the calibration table fills in early; a warm-started run
     * (Stage II at another k) after the profile's run it starts from.
     */
    public void calibrate() throws IOException {
        java.util.List<CalibrationRun> runs = new java.util.ArrayList<>(calibrationRuns());
        runs.removeIf(c -> !trains(c.run()));
        runs.sort(java.util.Comparator.comparingLong(c -> c.spec().schedule().samples()));
        for (CalibrationRun c : runs) {
            if (c.run().warmFrom != null) {
                run(c.run().warmFrom);
            }
            run(c.spec());
        }
    }

    /**
     * A paper run with its schedule compressed k-fold instead of the profile's (named "-kK"; the
     * profile's own run at its own k).
     */
    public RunSpec atCompression(PaperRun r, double k) {
        if (!(k >= 1)) {
            throw new IllegalArgumentException("compression k must be at least 1, got " + k);
        }
        RunSpec base = spec(r);
        if (k == Schedule.compression(profile(), r.stage, r.algorithm, r.target)) {
            return base;
        }
        String kName = k == Math.rint(k) ? String.valueOf((long) k) : String.valueOf(k);
        // Stage III's ρ scales with k like its learning rate (see spec(PaperRun)); the warm start
        // stays the profile's.
        Hyper h = base.stage() == Stage.III ? Hyper.bc(PaperValues.RHO * k) : base.hyper();
        return new RunSpec(
                base.name() + "-k" + kName,
                base.stage(),
                base.algorithm(),
                h,
                Schedule.compressedUnder(profile(), base.stage(), base.algorithm(), k, r.target),
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
    public Map<RunSpec, RunResult> calibrationResults() throws IOException {
        Map<RunSpec, RunResult> m = new java.util.LinkedHashMap<>();
        for (RunSpec s : calibrationSpecs()) {
            if (s.seed() != SEED && store.state(s).kind() == RunState.Kind.NOT_STARTED) {
                continue;
            }
            RunResult r;
            try {
                r = store.cached(s);
            } catch (IncompleteRunException e) {
                out.println(
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

    public Map<String, RunResult> results() {
        return done;
    }
}
