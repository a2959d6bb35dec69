package io.slimkws.paper;

import io.slimkws.data.KwsData;
import io.slimkws.env.Profile;
import io.slimkws.env.Settings;
import io.slimkws.train.Hyper;
import io.slimkws.train.RunResult;
import io.slimkws.train.RunSpec;
import io.slimkws.train.RunStore;
import io.slimkws.train.Runner;
import io.slimkws.train.Schedule;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runs of one profile and seed: turns a {@link RunDefinition} into the {@link RunSpec} the
 * results cache knows (the profile's schedule, its scale of λ, ρ times the stage's k, the data's
 * fingerprint, the seed), trains it after the runs it starts from, and says which runs a seed
 * repeats. Each run is trained at most once per profile (see {@link RunStore}).
 */
public final class Experiments {
    public static final long SEED = 1;

    private final Settings settings;
    private final KwsData data;
    private final RunStore store;
    private final PrintStream out;
    private final Map<String, RunResult> done = new LinkedHashMap<>();
    private long seed = SEED;
    private boolean waitForOthers;

    /** The runs that repeat after seed 1 (--seeds-for); empty when every run does. */
    private final Set<RunDefinition> repeated;

    public Experiments(Settings settings, KwsData data, PrintStream out) {
        // A misspelt name stops here, before anything trains.
        this.repeated = PaperRun.withAncestors(settings.seedsFor());
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
        e.waitForOthers = waitForOthers;
        return e;
    }

    /**
     * The same runs, but a run another process is training is waited for and then loaded instead of
     * refused: for training lanes and shards that share a runs/ folder (and warm-start runs).
     */
    public Experiments waitingForOthers() {
        Experiments e = withSeed(seed);
        e.waitForOthers = true;
        return e;
    }

    /** The same runs under each of the settings' seeds (1..N, --seeds N), seed 1 first. */
    public List<Experiments> perSeed() {
        List<Experiments> all = new ArrayList<>();
        for (int i = 1; i <= settings.seeds(); i++) {
            all.add(withSeed(i));
        }
        return all;
    }

    /** A run under every seed that trains it (see {@link #trains}), seed 1 first. */
    public List<RunResult> acrossSeeds(RunDefinition r) throws IOException {
        List<RunResult> results = new ArrayList<>();
        for (Experiments e : perSeed()) {
            if (e.trains(r)) {
                RunResult res = e.run(r);
                results.add(res);
                done.put(res.spec().name(), res);
            }
        }
        return results;
    }

    public long seed() {
        return seed;
    }

    public KwsData data() {
        return data;
    }

    public RunStore store() {
        return store;
    }

    public Profile profile() {
        return settings.profile();
    }

    PrintStream out() {
        return out;
    }

    /**
     * The specification of a run under this profile and seed: the definition's β, μ and penalty (λ
     * times the profile's scale, 1 except under the Adam profile) and ρ times the stage's k (the
     * blend per step grows as the steps shrink, so the total blend is the paper's); the warm start
     * is the specification of the run it starts from.
     */
    public RunSpec spec(RunDefinition r) {
        Hyper p = r.hyper();
        Hyper h =
                switch (r.algorithm()) {
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
                                                    profile(),
                                                    r.stage(),
                                                    r.algorithm(),
                                                    r.target()));
                };
        String name = seed == SEED ? r.runName() : r.runName() + "-seed" + seed;
        return new RunSpec(
                name,
                r.stage(),
                r.algorithm(),
                h,
                Schedule.of(profile(), r.stage(), r.algorithm(), r.target()),
                profile().id(),
                data.corpus().fingerprint(),
                seed,
                r.warmFrom() == null ? null : spec(r.warmFrom()).id());
    }

    /** Trains (or loads) a run, after the runs it starts from. */
    public RunResult run(RunDefinition r) throws IOException {
        return run(r, spec(r));
    }

    /**
     * Trains (or loads) {@code spec}, a version of {@code r} (e.g. at another compression k), after
     * the runs r starts from: the one place where a warm start is trained first.
     */
    public RunResult run(RunDefinition r, RunSpec spec) throws IOException {
        if (r.warmFrom() != null) {
            run(r.warmFrom());
        }
        RunResult res = new Runner(store, data, out, waitForOthers).run(spec);
        done.put(spec.name(), res);
        return res;
    }

    /**
     * Whether a run repeats under the seeds after the first: every run does, unless {@code
     * --seeds-for} names some (e.g. the original and the λ = 0.05 chain for the fidelity check),
     * which then repeat with the runs they start from.
     */
    public boolean repeats(RunDefinition r) {
        return repeated.isEmpty() || repeated.contains(r);
    }

    /** Whether this seed trains run r: seed 1 trains every run, a later seed those that repeat. */
    public boolean trains(RunDefinition r) {
        return seed == SEED || repeats(r);
    }

    /** Every run of Tables 1-3 this seed trains, in the order they train. */
    public List<RunSpec> paperRuns() {
        return PaperRun.ALL.stream().filter(this::trains).map(this::spec).toList();
    }

    /**
     * The runs trained or loaded through this object (and its seeds' {@link #acrossSeeds}), by
     * name.
     */
    public Map<String, RunResult> results() {
        return done;
    }
}
