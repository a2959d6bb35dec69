package io.slimkws.report;

import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The claims ledger: one row per claim of the abstract and Sections 4-5, with the paper's value,
 * ours, the tolerance the verdict used, PASS or FAIL, and the notebook that shows it.
 */
public final class Claims {
    private final StringColumn claim = StringColumn.create("claim");
    private final StringColumn where = StringColumn.create("where");
    private final StringColumn paper = StringColumn.create("paper");
    private final StringColumn ours = StringColumn.create("ours");
    private final StringColumn tolerance = StringColumn.create("tolerance");
    private final StringColumn verdict = StringColumn.create("verdict");
    private final StringColumn notebook = StringColumn.create("notebook");

    public Claims add(String what, String section, String paperValue, String ourValue, String tol, boolean pass, String nb) {
        claim.append(what);
        where.append(section);
        paper.append(paperValue);
        ours.append(ourValue);
        tolerance.append(tol);
        verdict.append(pass ? "PASS" : "FAIL");
        notebook.append(nb);
        return this;
    }

    /** A claim about a number: PASS when |ours - paper| <= tol. */
    public Claims number(String what, String section, double paperValue, double ourValue, double tol, String unit, String nb) {
        return add(what, section, fmt(paperValue) + unit, fmt(ourValue) + unit, "± " + fmt(tol) + unit,
                Double.isFinite(ourValue) && Math.abs(ourValue - paperValue) <= tol, nb);
    }

    static String fmt(double v) {
        return Double.isFinite(v) ? String.format("%.2f", v) : "n/a";
    }

    public Table table() {
        return Table.create("Claims ledger", claim, where, paper, ours, tolerance, verdict, notebook);
    }

    public long passed() {
        return verdict.countOccurrences("PASS");
    }
}
