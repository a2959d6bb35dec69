package io.slimkws.train;

import io.slimkws.env.Profile;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * How long and how a run trains: steps, batch size, evaluation interval, the two-level learning
 * rate (lr for the first steps - lateSteps, lrLate after, as the recipe's 0.001 then 0.0001),
 * the optimiser, and how many training clips are scored at each evaluation.
 *
 * <p>The optimiser is SGD (the recipe, {@code paper} profile) or Adam (compressed schedules,
 * where plain SGD at 0.001 from the 0.01-std initialisation barely moves). With Adam, the
 * extra terms of the update rules enter the gradient before the optimiser: RGSM adds
 * β(w - u) to conv2's gradient (so a fixed point still satisfies (3.9), ∇ℓ = β(u - w)), GSBC
 * and BC hand it the gradient taken at u or at proj_Q(w_f). See {@link UpdateRule}.
 */
public record Schedule(int steps, int batchSize, int evalEvery, double lr, double lrLate, int lateSteps,
                       String optimizer, int trainEvalClips) {

    public Schedule {
        if (steps <= 0 || batchSize <= 0 || evalEvery <= 0 || lateSteps < 0 || lateSteps > steps) {
            throw new IllegalArgumentException("bad schedule: steps " + steps + ", batch " + batchSize + ", evalEvery "
                    + evalEvery + ", lateSteps " + lateSteps);
        }
        if (!optimizer.equals("sgd") && !optimizer.equals("adam")) {
            throw new IllegalArgumentException("optimizer must be sgd or adam, got '" + optimizer + "'");
        }
    }

    public double learningRate(int step) {
        return step < steps - lateSteps ? lr : lrLate;
    }

    public IUpdater updater() {
        Map<Integer, Double> m = new HashMap<>();
        m.put(0, lr);
        m.put(steps - lateSteps, lrLate);
        MapSchedule s = new MapSchedule(ScheduleType.ITERATION, m);
        return optimizer.equals("adam") ? new Adam(s) : new Sgd(s);
    }

    /** The schedule of a stage under a profile (documented in the notebooks and README). */
    public static Schedule of(Profile p, Stage stage) {
        return switch (p) {
            // Seconds per run: plumbing only.
            case SMOKE -> new Schedule(12, 16, 4, 0.001, 0.0001, 4, "adam", 64);
            // The mini corpus (4,069 training clips): see README for the measured times.
            case MINI -> switch (stage) {
                case ORIGINAL, I -> new Schedule(MINI_STAGE1_STEPS, 100, MINI_EVAL_EVERY, 0.001, 0.0001, MINI_STAGE1_STEPS / 6, "adam", 300);
                case II, III -> new Schedule(MINI_STAGE23_STEPS, 100, MINI_EVAL_EVERY, 0.0005, 0.0001, MINI_STAGE23_STEPS / 3, "adam", 300);
            };
            // The recipe: 18,000 steps of plain SGD, batch 100, 0.001 then 0.0001 for the last 3,000.
            case PAPER -> switch (stage) {
                case ORIGINAL, I -> new Schedule(18_000, 100, 400, 0.001, 0.0001, 3_000, "sgd", 2000);
                case II, III -> new Schedule(6_000, 100, 400, 0.001, 0.0001, 1_000, "sgd", 2000);
            };
        };
    }

    /**
     * 5 x 180 + 4 x 90 = 1,260 steps of batch 100. Measured on two 2-core hosts of this project:
     * TrainStepBenchmark 31-33 samples/s (about 3.1 s a step, 65 min in all) on the first, 92-102
     * samples/s (24 min of training) on the second; both within the 75 minutes asked for.
     */
    public static final int MINI_STAGE1_STEPS = 180;
    public static final int MINI_STAGE23_STEPS = 90;
    /** An evaluation (300 training + 505 validation clips, about 2 s) every 15 steps: 12 points on the Stage-I curves. */
    public static final int MINI_EVAL_EVERY = 15;
}
