package io.slimkws.report;

import java.util.Locale;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A claims ledger: one row per claim with the paper's value, ours, the rule the verdict used and
 * the verdict, and, apart from them, invariant checks (properties that hold by construction and
 * would only fail on a bug; they are not evidence for the paper).
 *
 * <p>Verdicts are aware of noise: a measured quantity x with uncertainty h (the half-width of its
 * 95 % interval, as the paper's ledger passes it) stands for every value in [x − h, x + h]. A claim
 * that holds on all of it is PASS, one that fails on all of it is FAIL, and one that holds on part
 * of it is NOT RESOLVED (within noise). Exact quantities (channel counts) have h = 0, so for them a
 * tie is a FAIL of a strict claim.
 */
public final class Claims {
    /** A verdict of a claim. */
    public enum Verdict {
        PASS,
        FAIL,
        NOT_RESOLVED;

        /** All must hold: FAIL if any fails, PASS if all pass. */
        public Verdict and(Verdict o) {
            if (this == FAIL || o == FAIL) {
                return FAIL;
            }
            return this == PASS && o == PASS ? PASS : NOT_RESOLVED;
        }

        /** One must hold: PASS if any passes, FAIL if all fail. */
        public Verdict or(Verdict o) {
            if (this == PASS || o == PASS) {
                return PASS;
            }
            return this == FAIL && o == FAIL ? FAIL : NOT_RESOLVED;
        }

        /**
         * Replicates (e.g. seeds) of one claim: PASS if both pass, FAIL if both fail, otherwise not
         * resolved.
         */
        public Verdict agree(Verdict o) {
            return this == o ? this : NOT_RESOLVED;
        }

        public String label() {
            return this == NOT_RESOLVED ? "NOT RESOLVED" : name();
        }
    }

    /** The verdict of "x lies in [lo, hi]" for x ± se. */
    public static Verdict within(double x, double se, double lo, double hi) {
        if (!Double.isFinite(x)) {
            return Verdict.FAIL;
        }
        if (x - se >= lo && x + se <= hi) {
            return Verdict.PASS;
        }
        return x + se < lo || x - se > hi ? Verdict.FAIL : Verdict.NOT_RESOLVED;
    }

    /** The verdict of "x > 0" (strict) for x ± se: a tie fails. */
    public static Verdict positive(double x, double se) {
        if (!Double.isFinite(x)) {
            return Verdict.FAIL;
        }
        if (x - se > 0) {
            return Verdict.PASS;
        }
        return x + se <= 0 ? Verdict.FAIL : Verdict.NOT_RESOLVED;
    }

    private final StringColumn claim = StringColumn.create("claim");
    private final StringColumn where = StringColumn.create("where");
    private final StringColumn paper = StringColumn.create("paper");
    private final StringColumn ours = StringColumn.create("ours");
    private final StringColumn rule = StringColumn.create("rule");
    private final StringColumn verdict = StringColumn.create("verdict");
    private final StringColumn notebook = StringColumn.create("notebook");
    private final StringColumn check = StringColumn.create("invariant check");
    private final StringColumn checkWhere = StringColumn.create("where");
    private final StringColumn observed = StringColumn.create("observed");
    private final StringColumn holds = StringColumn.create("holds");
    private final StringColumn checkNotebook = StringColumn.create("notebook");

    public Claims add(
            String what,
            String section,
            String paperValue,
            String ourValue,
            String ruleText,
            Verdict v,
            String nb) {
        claim.append(what);
        where.append(section);
        paper.append(paperValue);
        ours.append(ourValue);
        rule.append(ruleText);
        verdict.append(v.label());
        notebook.append(nb);
        return this;
    }

    /** A claim about a number: ours ± se within tol of the paper's. */
    public Claims number(
            String what,
            String section,
            double paperValue,
            double ourValue,
            double se,
            double tol,
            String unit,
            String nb) {
        return add(
                what,
                section,
                fmt(paperValue) + unit,
                fmt(ourValue) + unit + (se > 0 ? " ± " + fmt(se) + " (95 %)" : ""),
                "|ours − paper| ≤ " + fmt(tol) + unit,
                within(ourValue - paperValue, se, -tol, tol),
                nb);
    }

    /**
     * A property that holds by construction (a failure is a bug, not evidence against the paper).
     */
    public Claims invariant(String what, String section, String seen, boolean ok, String nb) {
        check.append(what);
        checkWhere.append(section);
        observed.append(seen);
        holds.append(ok ? "yes" : "NO");
        checkNotebook.append(nb);
        return this;
    }

    public static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "n/a";
    }

    /** The claims, one row each. */
    public Table table() {
        return Table.create("Claims ledger", claim, where, paper, ours, rule, verdict, notebook);
    }

    /** The invariant checks, apart from the claims. */
    public Table invariants() {
        return Table.create(
                "Invariant checks (hold by construction; not claims)",
                check,
                checkWhere,
                observed,
                holds,
                checkNotebook);
    }

    public long count(Verdict v) {
        return verdict.countOccurrences(v.label());
    }

    public String summary() {
        return String.format(
                "%d claims: %d PASS, %d FAIL, %d NOT RESOLVED; %d invariant checks, %d hold",
                claim.size(),
                count(Verdict.PASS),
                count(Verdict.FAIL),
                count(Verdict.NOT_RESOLVED),
                check.size(),
                holds.countOccurrences("yes"));
    }

    @Override
    public String toString() {
        return summary();
    }
}
