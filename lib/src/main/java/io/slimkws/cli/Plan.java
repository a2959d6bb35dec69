package io.slimkws.cli;

import io.slimkws.data.Corpus;
import io.slimkws.data.CorpusLoader;
import io.slimkws.data.KwsData;
import io.slimkws.data.Split;
import io.slimkws.env.EnvironmentReport;
import io.slimkws.env.Settings;
import io.slimkws.paper.Calibration;
import io.slimkws.paper.Experiments;
import io.slimkws.paper.RunDefinition;
import io.slimkws.prox.GroupLasso;
import io.slimkws.report.*;
import io.slimkws.study.StudyRuns;
import io.slimkws.train.*;
import io.slimkws.train.TrainingRate;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./reproduce plan}: every training run of the profile (and {@code SLIMKWS_SEEDS} seeds),
 * before anything trains, with its algorithm, optimiser, learning rates, steps, batch, λ, β, μ, ρ,
 * seed, whether it is cached (or the step a partly trained run resumes from), the training samples
 * and time it will take at the speed of this host (measured here on a few steps of the dense
 * network), and its identity (the digest its folder under runs/ ends with).
 */
public final class Plan {
    public static void main(String[] args) throws Exception {
        Settings s = Settings.fromEnvironment();
        int seeds = s.seeds();
        Corpus c = CorpusLoader.of().load(s.requireData());
        if (s.profile().clipsPerLabel() > 0) {
            c = c.limit(s.profile().clipsPerLabel());
        }
        // Specs need only the corpus fingerprint: no features are computed here.
        KwsData d = new KwsData(c, null, c.clips(Split.TRAINING), null, null);
        Experiments base = new Experiments(s, d, System.out);
        RunStore store = base.store();
        double rate = TrainingRate.samplesPerSecond();
        System.out.printf("profile %s: %s%n", s.profile().id(), s.profile().summary());
        System.out.printf(
                "data %s (%d clips); this host trains the dense network at %.0f samples/s (%s)%n%n",
                s.requireData(), c.clips().size(), rate, EnvironmentReport.cpuModel());
        // The speed is measured now: other work on the CPU (a training lane) makes every estimate
        // below too long.
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        if (load > 0.5 * cores) {
            System.out.printf(
                    "note: the CPU was busy while this was measured (load average %.1f on %d"
                            + " cores): the times below are too long%n%n",
                    load, cores);
        }
        List<RunSpec> runs = new ArrayList<>();
        for (int seed = 1; seed <= seeds; seed++) {
            runs.addAll(base.withSeed(seed).paperRuns());
        }
        table(s, runs, store, rate, "runs to train");
        if (Settings.withBeyond()) {
            List<RunSpec> beyond = new ArrayList<>();
            for (RunDefinition b : StudyRuns.SWEEP) {
                beyond.add(base.spec(b));
            }
            System.out.printf(
                    "%nbeyond the paper (--with beyond; notebook 10): the Stage-I sweep%n");
            table(s, beyond, store, rate, "sweep runs to train");
            long chain =
                    base.spec(StudyRuns.stage2(StudyRuns.SWEEP.get(0))).schedule().samples()
                            + base.spec(StudyRuns.stage3(StudyRuns.SWEEP.get(0)))
                                    .schedule()
                                    .samples();
            int families = StudyRuns.families().size();
            System.out.printf(
                    "then each penalty's best run through Stages II and III (chosen after the"
                            + " sweep): %d x %,d = %,d samples, about %s%n",
                    families, chain, families * chain, Progress.fmt(families * chain / rate));
        }
        List<RunSpec> calibration = new ArrayList<>(Calibration.of(base).specs());
        calibration.removeAll(runs);
        if (!calibration.isEmpty()) {
            System.out.printf(
                    "%ncalibration runs at the other k of the profile's calibration list"
                            + " (./reproduce calibrate; not part of all):%n");
            table(s, calibration, store, rate, "calibration runs to train");
        }
    }

    private static void table(
            Settings s, List<RunSpec> runs, RunStore store, double rate, String what)
            throws IOException {
        System.out.printf(
                "%-36s %-6s %-24s %-5s %-6s %-13s %6s %5s %7s %5s %4s %8s %4s %4s %-11s %10s %9s "
                        + " %s%n",
                "run",
                "stage",
                "algo (prox)",
                "optim",
                "k",
                "lr (late)",
                "steps",
                "batch",
                "lambda",
                "beta",
                "mu",
                "rho",
                "clip",
                "seed",
                "cached",
                "samples",
                "time",
                "id");
        long total = 0;
        double totalSeconds = 0;
        int todo = 0;
        for (RunSpec r : runs) {
            Schedule sc = r.schedule();
            Hyper h = r.hyper();
            RunState state =
                    store.state(
                            r); // a partial run resumes at its checkpoint; a broken or failed one
            // starts over
            boolean cached = state.kind() == RunState.Kind.FINISHED;
            long samples = sc.samples();
            long remaining = state.remainingSamples(sc);
            double secs = remaining / rate;
            total += remaining;
            totalSeconds += secs;
            // k of a compressed paper schedule; "-" for a schedule given outright (quick, smoke).
            String k =
                    s.profile().stage(r.stage().key(), r.algorithm().id()).has("paperCompressedBy")
                            ? fmt(
                                    Math.round(
                                                    100.0
                                                            * Schedule.paper(r.stage()).steps()
                                                            / sc.steps())
                                            / 100.0)
                            : "-";
            // The penalty when it is not the paper's group Lasso (group ℓ0, the sparse-group family
            // with its λ_e).
            Double inner = h.penalty().parameters().get("lambdaElement");
            String algo =
                    r.algorithm().id()
                            + (h.penalty() instanceof GroupLasso
                                    ? ""
                                    : " "
                                            + h.penalty().key()
                                            + (inner != null ? "(" + fmt(inner) + ")" : ""));
            System.out.printf(
                    "%-36s %-6s %-24s %-5s %-6s %-13s %6d %5d %7s %5s %4s %8s %4s %4d %-11s %,10d"
                            + " %9s  %s%n",
                    r.name(),
                    r.stage().key(),
                    algo,
                    sc.optimizer().id(),
                    k,
                    fmt(sc.lr()) + " (" + fmt(sc.lrLate()) + ")",
                    sc.steps(),
                    sc.batchSize(),
                    fmt(h.lambda()),
                    fmt(h.beta()),
                    fmt(h.mu()),
                    fmt(h.rho()),
                    sc.clipNorm() > 0 ? fmt(sc.clipNorm()) : "-",
                    r.seed(),
                    state.word(sc),
                    samples,
                    cached ? "-" : Progress.fmt(secs),
                    r.id());
            todo += cached ? 0 : 1;
        }
        System.out.printf(
                "%n%d %s: %,d training samples still to go (a partly trained run resumes at its"
                        + " checkpoint), about %s at %.0f samples/s (pruned stages train faster)%n",
                todo, what, total, Progress.fmt(totalSeconds), rate);
    }

    static String fmt(double v) {
        return v == 0
                ? "0"
                : String.format(Locale.ROOT, "%.6g", v)
                        .replaceAll("\\.?0+$", "")
                        .replaceAll("\\.?0+e", "e");
    }

    private Plan() {}
}
