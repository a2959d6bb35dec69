package io.slimkws.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.slimkws.env.Profile;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * How long and how a run trains: steps, batch size, evaluation interval, the two-level learning
 * rate (lr for the first steps - lateSteps, lrLate after, as the recipe's 0.001 then 0.0001), the
 * optimiser, how many training clips are scored at each evaluation, and two safeguards for
 * compressed schedules: a linear learning-rate warm-up over the first {@code warmupSteps} and a cap
 * on the gradient's global norm ({@code clipNorm}, 0 = none). Every table shows them.
 *
 * <p>Under SGD the update rules are the paper's verbatim ((3.2), (3.8), (3.15)-(3.17)). Under Adam
 * (profile {@code quick}) the rules' extra terms enter the gradient before the optimiser.
 */
public record Schedule(
        int steps,
        int batchSize,
        int evalEvery,
        double lr,
        double lrLate,
        int lateSteps,
        Optimizer optimizer,
        int trainEvalClips,
        int warmupSteps,
        double clipNorm) {

    public Schedule {
        if (steps <= 0
                || batchSize <= 0
                || evalEvery <= 0
                || lateSteps < 0
                || lateSteps > steps
                || warmupSteps < 0
                || warmupSteps > steps - lateSteps
                || !(clipNorm >= 0)
                || !(lr > 0)
                || !(lrLate > 0)) {
            throw new IllegalArgumentException(
                    "bad schedule: steps "
                            + steps
                            + ", batch "
                            + batchSize
                            + ", evalEvery "
                            + evalEvery
                            + ", lr "
                            + lr
                            + ", lrLate "
                            + lrLate
                            + ", lateSteps "
                            + lateSteps
                            + ", warmupSteps "
                            + warmupSteps
                            + ", clipNorm "
                            + clipNorm);
        }
        if (optimizer == null) {
            throw new IllegalArgumentException("schedule needs an optimizer (sgd or adam)");
        }
    }

    /**
     * The recipe's schedule of a stage: 18,000 (Stage I, original) or 6,000 (Stages II, III) steps
     * of plain SGD, batch 100.
     */
    public static Schedule paper(Stage stage) {
        return switch (stage) {
            case ORIGINAL, I ->
                    new Schedule(18_000, 100, 400, 0.001, 0.0001, 3_000, Optimizer.SGD, 2000, 0, 0);
            case II, III ->
                    new Schedule(6_000, 100, 400, 0.001, 0.0001, 1_000, Optimizer.SGD, 2000, 0, 0);
        };
    }

    /** The schedule of a stage (and algorithm) under a profile, as profiles.json declares it. */
    public static Schedule of(Profile p, Stage stage, Algorithm a) {
        return of(p, stage, a, null);
    }

    /**
     * The schedule of one run ({@code run}: its name, e.g. "rgsm0.05", for a run-level record of
     * the profile; null: none).
     */
    public static Schedule of(Profile p, Stage stage, Algorithm a, String run) {
        JsonNode n = p.stage(stage.key(), a.id(), run);
        return n.has("paperCompressedBy")
                ? compressedUnder(p, stage, a, n.path("paperCompressedBy").asDouble(), run)
                : outright(p, n);
    }

    /**
     * The paper's schedule of a stage compressed k-fold, with the profile's evaluation cadence and
     * the stage's safeguards: the profile's own schedule at its own k, and the calibration runs at
     * others.
     */
    public static Schedule compressedUnder(Profile p, Stage stage, Algorithm a, double k) {
        return compressedUnder(p, stage, a, k, null);
    }

    public static Schedule compressedUnder(
            Profile p, Stage stage, Algorithm a, double k, String run) {
        return withProfileEval(p, p.stage(stage.key(), a.id(), run), paper(stage).compressed(k));
    }

    private static Schedule outright(Profile p, JsonNode n) {
        Schedule s =
                new Schedule(
                        n.path("steps").asInt(),
                        n.path("batch").asInt(),
                        1,
                        n.path("lr").asDouble(),
                        n.path("lrLate").asDouble(),
                        n.path("lateSteps").asInt(),
                        Optimizer.parse(n.path("optimizer").asText("sgd")),
                        1,
                        0,
                        0);
        return withProfileEval(p, n, s);
    }

    private static Schedule withProfileEval(Profile p, JsonNode n, Schedule s) {
        int every =
                p.evalEvery() > 0
                        ? p.evalEvery()
                        : Math.max(1, (int) Math.round((double) s.steps() / p.evalPoints()));
        return s.withEval(every, p.trainEvalClips())
                .withSafeguards(n.path("warmupSteps").asInt(0), n.path("clipNorm").asDouble(0));
    }

    /** The compression factor k of a stage under a profile (1 for a schedule given outright). */
    public static double compression(Profile p, Stage stage, Algorithm a) {
        return compression(p, stage, a, null);
    }

    public static double compression(Profile p, Stage stage, Algorithm a, String run) {
        return p.stage(stage.key(), a.id(), run).path("paperCompressedBy").asDouble(1.0);
    }

    /**
     * One line for tables: optimiser, k against the paper's schedule of the stage, steps, learning
     * rates and the safeguards, e.g. "plain SGD, paper ÷ 15: 400 steps, lr 0.015 → 0.0015, |g| ≤
     * 5".
     */
    public String describe(Stage stage) {
        double k = Math.round(100.0 * paper(stage).steps() / steps) / 100.0;
        // "paper ÷ k" only for the paper's schedule compressed (η·steps kept), not for one given
        // outright (smoke).
        boolean compressed =
                optimizer == Optimizer.SGD
                        && Math.abs(lr * steps / (paper(stage).lr() * paper(stage).steps()) - 1)
                                < 0.01;
        String kText = compressed ? ", paper ÷ " + num(k) : "";
        return optimizer.label
                + kText
                + ": "
                + steps
                + " steps, lr "
                + num(lr)
                + " → "
                + num(lrLate)
                + (warmupSteps > 0 ? ", warm-up " + warmupSteps : "")
                + (clipNorm > 0 ? ", |g| ≤ " + num(clipNorm) : "");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v)
                .replaceAll("(\\.\\d*?)0+$", "$1")
                .replaceAll("\\.$", "");
    }

    /** Training samples the schedule draws. */
    public long samples() {
        return (long) steps * batchSize;
    }

    /**
     * The same schedule compressed k-fold: every step count ÷ k, learning rates × k, so that the
     * total step length η·steps (and the pull η·β·steps of RGSM) stays the paper's.
     */
    public Schedule compressed(double k) {
        if (!(k >= 1)) {
            throw new IllegalArgumentException("compression factor k must be at least 1, got " + k);
        }
        int s = (int) Math.round(steps / k);
        return new Schedule(
                s,
                batchSize,
                evalEvery,
                lr * k,
                lrLate * k,
                (int) Math.round(lateSteps / k),
                optimizer,
                trainEvalClips,
                (int) Math.round(warmupSteps / k),
                clipNorm);
    }

    public Schedule withEval(int every, int clips) {
        return new Schedule(
                steps,
                batchSize,
                every,
                lr,
                lrLate,
                lateSteps,
                optimizer,
                clips,
                warmupSteps,
                clipNorm);
    }

    public Schedule withSafeguards(int warmup, double clip) {
        return new Schedule(
                steps,
                batchSize,
                evalEvery,
                lr,
                lrLate,
                lateSteps,
                optimizer,
                trainEvalClips,
                warmup,
                clip);
    }

    public double learningRate(int step) {
        if (step >= steps - lateSteps) {
            return lrLate;
        }
        return step < warmupSteps ? lr * (step + 1) / warmupSteps : lr;
    }

    public IUpdater updater() {
        ISchedule s;
        if (warmupSteps == 0) {
            Map<Integer, Double> m = new HashMap<>();
            m.put(0, lr);
            m.put(steps - lateSteps, lrLate);
            s = new MapSchedule(ScheduleType.ITERATION, m);
        } else {
            Map<Integer, Double> m = new HashMap<>();
            for (int i = 0; i <= warmupSteps; i++) {
                m.put(i, learningRate(i));
            }
            m.put(steps - lateSteps, lrLate);
            s = new MapSchedule(ScheduleType.ITERATION, m);
        }
        return optimizer == Optimizer.ADAM ? new Adam(s) : new Sgd(s);
    }

    /**
     * Caps the gradient's global L2 norm at {@code clipNorm} (in place); returns the norm before.
     */
    public double clip(INDArray grad) {
        double n = grad.norm2Number().doubleValue();
        if (clipNorm > 0 && n > clipNorm) {
            grad.muli(clipNorm / n);
        }
        return n;
    }
}
