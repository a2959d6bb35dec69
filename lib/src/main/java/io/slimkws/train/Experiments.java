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
    /** The paper's blending of BinaryConnect (3.16). */
    public static final double PAPER_RHO = 1e-5;

    private final Settings settings;
    private final KwsData data;
    private final RunStore store;
    private final PrintStream out;
    private final Map<String, RunResult> done = new LinkedHashMap<>();
    private long seed = SEED;

    public Experiments(Settings settings, KwsData data, PrintStream out) {
        this.settings = settings;
        this.data = data;
        this.store = new RunStore(settings.home().resolve("runs"), settings.home());
        this.out = out;
    }

    public static Experiments load(Settings s) throws IOException {
        return new Experiments(s, KwsData.load(s), System.out);
    }

    /** The same runs with another seed (every run's name gets "-seedN" unless N is the default 1). */
    public Experiments withSeed(long s) {
        Experiments e = new Experiments(settings, data, out);
        e.seed = s;
        return e;
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

    /**
     * λ multiplier of the profile (1 = the paper's λ; 2.5 under the Adam profile {@code quick},
     * calibrated once: Adam rescales the pull of w toward u, so η·β·steps cannot be matched there).
     */
    public static double lambdaScale(Profile p) {
        return p.lambdaScale();
    }

    /** {λ, β} of an RGSM/GSBC run standing for the paper's λ under this profile. */
    public double[] rgsm(double paperLambda) {
        return new double[] {paperLambda * lambdaScale(profile()), 1.0};
    }

    public RunSpec spec(String name, Stage stage, Algorithm a, Hyper h, String warm) {
        return new RunSpec(name, stage, a, h, Schedule.of(profile(), stage, a), profile().id(), data.corpus().fingerprint(), seed, warm);
    }

    public RunResult run(RunSpec spec) throws IOException {
        RunResult r = store.run(spec, data, out);
        done.put(spec.name(), r);
        return r;
    }

    public RunSpec originalSpec() {
        return spec(named("original"), Stage.ORIGINAL, Algorithm.PLAIN, Hyper.none(), null);
    }

    public RunSpec glSpec() {
        return spec(named("stage1-GL-mu0.6"), Stage.I, Algorithm.GL, Hyper.gl(0.6), null);
    }

    public RunSpec rgsmSpec(double lambda) {
        double[] lb = rgsm(lambda);
        return spec(named("stage1-RGSM-lambda" + lambda), Stage.I, Algorithm.RGSM, Hyper.rgsm(lb[0], lb[1]), null);
    }

    public RunSpec gsbcSpec(double lambda) {
        return spec(named("stage1-GSBC-lambda" + lambda), Stage.I, Algorithm.GSBC, Hyper.gsbc(rgsm(lambda)[0]), null);
    }

    public RunSpec stage2Spec(double lambda) {
        return spec(named("stage2-float-retrain-lambda" + lambda), Stage.II, Algorithm.PLAIN, Hyper.none(), rgsmSpec(lambda).id());
    }

    public RunSpec stage3Spec(double lambda) {
        // ρ × k: the blend per step grows as the steps shrink, so the total blend is the paper's.
        double rho = PAPER_RHO * Schedule.compression(profile(), Stage.III, Algorithm.BC);
        return spec(named("stage3-binary-lambda" + lambda), Stage.III, Algorithm.BC, Hyper.bc(rho), stage2Spec(lambda).id());
    }

    /** Every run of Tables 1-3, in the order they train (warm starts after the runs they start from). */
    public java.util.List<RunSpec> paperRuns() {
        return java.util.List.of(originalSpec(), glSpec(), rgsmSpec(0.04), rgsmSpec(0.05), gsbcSpec(0.04), stage2Spec(0.04),
                stage2Spec(0.05), stage3Spec(0.04), stage3Spec(0.05));
    }

    public RunResult original() throws IOException {
        return run(originalSpec());
    }

    public RunResult glStage1() throws IOException {
        return run(glSpec());
    }

    public RunResult rgsmStage1(double lambda) throws IOException {
        return run(rgsmSpec(lambda));
    }

    public RunResult gsbcStage1(double lambda) throws IOException {
        return run(gsbcSpec(lambda));
    }

    public RunResult stage2(double lambda) throws IOException {
        rgsmStage1(lambda);
        return run(stage2Spec(lambda));
    }

    public RunResult stage3(double lambda) throws IOException {
        stage2(lambda);
        return run(stage3Spec(lambda));
    }

    public Map<String, RunResult> results() {
        return done;
    }
}
