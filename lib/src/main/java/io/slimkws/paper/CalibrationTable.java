package io.slimkws.paper;

import io.slimkws.report.*;
import io.slimkws.train.*;
import io.slimkws.train.RunResult;
import io.slimkws.train.RunSpec;
import io.slimkws.train.Schedule;
import java.io.IOException;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The evidence for a profile's compression factor k: each calibration run (the paper's schedule
 * compressed k-fold) with its final and peak validation accuracy, the slide between them (the
 * paper's Fig. 2 shape), its channel sparsity and the first evaluation at which a group was zero. A
 * warm-started run (Stage II) also shows its accuracy at step 0, the network it started from, so
 * that a schedule which ends below its own start is seen as such; its zero groups come from Stage
 * I.
 */
public final class CalibrationTable {
    private CalibrationTable() {}

    /**
     * The first logged step at which a conv2 group was exactly zero (sparsity above 0), or -1 if
     * none was.
     */
    public static int firstZeroStep(RunResult r) throws IOException {
        Table log = r.log();
        double[] step = log.numberColumn("step").asDoubleArray();
        double[] sp = log.numberColumn("sparsity").asDoubleArray();
        for (int i = 0; i < sp.length; i++) {
            if (sp[i] > 0) {
                return (int) step[i];
            }
        }
        return -1;
    }

    private static String failed(String reason) {
        return (reason == null || reason.isBlank() ? "failed" : "failed: " + reason)
                + " (./reproduce calibrate trains it again)";
    }

    /** One row per calibration run; runs not trained yet are listed as such, with their cost. */
    public static Table of(Map<RunSpec, RunResult> runs) throws IOException {
        return of(runs, null);
    }

    /**
     * As {@link #of(Map)}, a run not finished said with where it stands in {@code store} (e.g.
     * "training: at 450/900").
     */
    public static Table of(Map<RunSpec, RunResult> runs, RunStore store) throws IOException {
        StringColumn run = StringColumn.create("run");
        DoubleColumn k = DoubleColumn.create("k");
        DoubleColumn lr = DoubleColumn.create("lr (late)");
        IntColumn steps = IntColumn.create("steps");
        IntColumn samples = IntColumn.create("training samples");
        DoubleColumn startVal = DoubleColumn.create("val % at step 0 (warm start)");
        DoubleColumn finalVal = DoubleColumn.create("final val %");
        DoubleColumn peakVal = DoubleColumn.create("peak val %");
        DoubleColumn peakAt = DoubleColumn.create("peak at % of run");
        DoubleColumn slide = DoubleColumn.create("slide after peak (pp)");
        DoubleColumn test = DoubleColumn.create("final test %");
        DoubleColumn sparsity = DoubleColumn.create("channel sparsity %");
        StringColumn firstZero = StringColumn.create("first zero group at step");
        for (var e : runs.entrySet()) {
            RunSpec s = e.getKey();
            RunResult r = e.getValue();
            run.append(s.name());
            k.append(
                    PaperTables.round(
                            (double) Schedule.paper(s.stage()).steps() / s.schedule().steps()));
            lr.append(s.schedule().lr());
            steps.append(s.schedule().steps());
            samples.append((int) s.schedule().samples());
            if (r == null) {
                startVal.appendMissing();
                finalVal.appendMissing();
                peakVal.appendMissing();
                peakAt.appendMissing();
                slide.appendMissing();
                test.appendMissing();
                sparsity.appendMissing();
                RunState st =
                        store == null ? RunState.of(RunState.Kind.NOT_STARTED) : store.state(s);
                firstZero.append(
                        switch (st.kind()) {
                            case PARTIAL ->
                                    "training: "
                                            + st.word(s.schedule())
                                            + " (./reproduce calibrate resumes it)";
                            // A diverged k is a result of the calibration, so its reason is shown,
                            // not just "failed".
                            case FAILED -> failed(store.failure(s));
                            case BROKEN ->
                                    st.word(s.schedule())
                                            + " (./reproduce calibrate trains it again)";
                            default -> "not trained yet (./reproduce calibrate)";
                        });
                continue;
            }
            double[][] acc = PaperFigures.curve(r, "val_acc");
            double[] stepCol = r.log().numberColumn("step").asDoubleArray();
            int best = PaperFigures.peak(acc[1]);
            if (s.warmStart() != null && stepCol.length > 0 && stepCol[0] == 0) {
                startVal.append(acc[1][0]);
            } else {
                startVal.appendMissing();
            }
            finalVal.append(r.valAcc());
            peakVal.append(acc[1][best]);
            peakAt.append(Math.round(100.0 * stepCol[best] / s.schedule().steps()));
            slide.append(acc[1][best] - r.valAcc());
            test.append(r.testAcc());
            sparsity.append(r.sparsity());
            int z = firstZeroStep(r);
            firstZero.append(
                    s.warmStart() != null
                            ? (z < 0 ? "none" : "pruned before this stage")
                            : z < 0
                                    ? "none"
                                    : String.format(
                                            "%d (%.0f %% of run)",
                                            z, 100.0 * z / s.schedule().steps()));
        }
        return Table.create(
                "Calibration: the paper's schedule compressed k-fold (steps / k, learning rates x"
                        + " k)",
                run,
                k,
                lr,
                steps,
                samples,
                startVal,
                finalVal,
                peakVal,
                peakAt,
                slide,
                test,
                sparsity,
                firstZero);
    }
}
