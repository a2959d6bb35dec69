package io.slimkws.train;

import io.slimkws.data.KwsData;
import io.slimkws.env.Profile;
import io.slimkws.env.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The paper's nine runs (Tables 1-3), declared once: the original network; Stage I with GL
 * (μ = 0.6), RGSM (λ = 0.04 and 0.05, β = 1) and GSBC (λ = 0.04); Stage II float retraining of
 * both RGSM models with their channels masked; Stage III blended BinaryConnect (ρ = 1e-5)
 * warm-started from Stage II. Each is trained at most once per profile (see {@link RunStore}).
 */
public final class Experiments {
    public static final long SEED = 1;

    private final Settings settings;
    private final KwsData data;
    private final RunStore store;
    private final PrintStream out;
    private final Map<String, RunResult> done = new LinkedHashMap<>();

    public Experiments(Settings settings, KwsData data, PrintStream out) {
        this.settings = settings;
        this.data = data;
        this.store = new RunStore(settings.home().resolve("runs"), settings.home());
        this.out = out;
    }

    public static Experiments load(Settings s) throws IOException {
        return new Experiments(s, KwsData.load(s), System.out);
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

    /**
     * λ multiplier of compressed schedules (1 under the recipe). Under Adam the pull of w toward
     * u is not η·β per step (Adam rescales it), so η·β·steps cannot be matched; what carries over
     * is the equilibrium (3.9): a group stays pruned iff ||∇ℓ_g|| <= βλ. β stays the paper's 1 and
     * λ is scaled by this factor, the same for both of the paper's λ, and every table says so.
     */
    public static double lambdaScale(Profile p) {
        return switch (p) {
            case PAPER -> 1.0;
            case MINI -> MINI_LAMBDA_SCALE;
            case SMOKE -> 1.0;
        };
    }

    /**
     * Calibrated once on this machine: with the paper's λ = 0.05 and β = 1, the mini schedule
     * reached only 8 % channel sparsity after 120 of 180 steps (the conv2 group norms had a median
     * of 0.14); 2.5 x λ puts the threshold near that median. Both of the paper's λ get the same factor.
     */
    public static final double MINI_LAMBDA_SCALE = 2.5;

    /** {λ, β} of an RGSM/GSBC run standing for the paper's λ under this profile. */
    public double[] rgsm(double paperLambda) {
        return new double[] {paperLambda * lambdaScale(profile()), 1.0};
    }

    public RunSpec spec(String name, Stage stage, Algorithm a, Hyper h, String warm) {
        return new RunSpec(name, stage, a, h, Schedule.of(profile(), stage), profile().id(), data.corpus().fingerprint(), SEED, warm);
    }

    public RunResult run(RunSpec spec) throws IOException {
        RunResult r = store.run(spec, data, out);
        done.put(spec.name(), r);
        return r;
    }

    public RunResult original() throws IOException {
        return run(spec("original", Stage.ORIGINAL, Algorithm.PLAIN, Hyper.none(), null));
    }

    public RunResult glStage1() throws IOException {
        return run(spec("stage1-GL-mu0.6", Stage.I, Algorithm.GL, Hyper.gl(0.6), null));
    }

    public RunResult rgsmStage1(double lambda) throws IOException {
        double[] lb = rgsm(lambda);
        return run(spec("stage1-RGSM-lambda" + lambda, Stage.I, Algorithm.RGSM, Hyper.rgsm(lb[0], lb[1]), null));
    }

    public RunResult gsbcStage1(double lambda) throws IOException {
        return run(spec("stage1-GSBC-lambda" + lambda, Stage.I, Algorithm.GSBC, Hyper.gsbc(rgsm(lambda)[0]), null));
    }

    public RunResult stage2(double lambda) throws IOException {
        RunResult s1 = rgsmStage1(lambda);
        return run(spec("stage2-float-retrain-lambda" + lambda, Stage.II, Algorithm.PLAIN, Hyper.none(), s1.spec().id()));
    }

    public RunResult stage3(double lambda) throws IOException {
        RunResult s2 = stage2(lambda);
        return run(spec("stage3-binary-lambda" + lambda, Stage.III, Algorithm.BC, Hyper.bc(1e-5), s2.spec().id()));
    }

    public Map<String, RunResult> results() {
        return done;
    }
}
