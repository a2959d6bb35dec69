package io.slimkws.report;

import io.slimkws.train.RunResult;
import java.io.IOException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Tables 1-3 with the paper's values (from {@link PaperValues}) beside ours, row by row. Our
 * hyper-parameters are shown as run (they differ from the paper's under compressed schedules).
 */
public final class PaperTables {
    private PaperTables() {
    }

    /** A paper row paired with the run that reproduces it (null: not run). */
    public record Pair(PaperValues.Row paper, RunResult ours) {
    }

    public static Table of(String title, Pair... rows) {
        StringColumn model = StringColumn.create("Model");
        DoubleColumn beta = DoubleColumn.create("β (paper)");
        DoubleColumn lambda = DoubleColumn.create("λ (paper)");
        DoubleColumn mu = DoubleColumn.create("μ (paper)");
        StringColumn oursHyper = StringColumn.create("ours: β, λ, μ");
        DoubleColumn accPaper = DoubleColumn.create("Accuracy % (paper)");
        DoubleColumn accOurs = DoubleColumn.create("Accuracy % (ours, validation)");
        DoubleColumn testOurs = DoubleColumn.create("Accuracy % (ours, test)");
        DoubleColumn spPaper = DoubleColumn.create("Ch. sparsity % (paper)");
        DoubleColumn spOurs = DoubleColumn.create("Ch. sparsity % (ours)");
        for (Pair p : rows) {
            model.append(p.paper().model());
            beta.append(p.paper().beta());
            lambda.append(p.paper().lambda());
            mu.append(p.paper().mu());
            accPaper.append(p.paper().accuracy());
            spPaper.append(p.paper().sparsity());
            if (p.ours() == null) {
                oursHyper.append("not run");
                accOurs.appendMissing();
                testOurs.appendMissing();
                spOurs.appendMissing();
            } else {
                var h = p.ours().spec().hyper();
                oursHyper.append(String.format("%.3g, %.3g, %.3g", h.beta(), h.lambda(), h.mu()));
                accOurs.append(round(p.ours().valAcc()));
                testOurs.append(round(p.ours().testAcc()));
                spOurs.append(round(p.ours().sparsity()));
            }
        }
        return Table.create(title, model, beta, lambda, mu, oursHyper, accPaper, accOurs, testOurs, spPaper, spOurs);
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Column {@code column} of a run's log against its epoch, as arrays {x, y}. */
    public static double[][] curve(RunResult r, String column) throws IOException {
        Table log = r.log();
        return new double[][] {log.numberColumn("epoch").asDoubleArray(), log.numberColumn(column).asDoubleArray()};
    }
}
