package io.slimkws.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slimkws.paper.PaperClaims;
import io.slimkws.report.Claims.Verdict;
import org.junit.jupiter.api.Test;

/** Noise-aware verdicts, on hand-worked cases. */
class ClaimsTest {
    @Test
    void replicatesAgreeOnlyWhenTheyAllSayTheSame() {
        // Seeds of one claim: both pass, both fail, or one passes and one fails (or either is
        // open).
        assertEquals(Claims.Verdict.PASS, Claims.Verdict.PASS.agree(Claims.Verdict.PASS));
        assertEquals(Claims.Verdict.FAIL, Claims.Verdict.FAIL.agree(Claims.Verdict.FAIL));
        assertEquals(Claims.Verdict.NOT_RESOLVED, Claims.Verdict.PASS.agree(Claims.Verdict.FAIL));
        assertEquals(
                Claims.Verdict.NOT_RESOLVED,
                Claims.Verdict.FAIL.agree(Claims.Verdict.NOT_RESOLVED));
        assertEquals(
                Claims.Verdict.NOT_RESOLVED,
                Claims.Verdict.NOT_RESOLVED.agree(Claims.Verdict.NOT_RESOLVED));
    }

    @Test
    void anIntervalClaimPassesOnlyWhenTheWholeErrorBarHolds() {
        // |d| ≤ 2 with d = 0.5 ± 1: [−0.5, 1.5] inside [−2, 2].
        assertEquals(Verdict.PASS, Claims.within(0.5, 1, -2, 2));
        // d = 1.5 ± 1: [0.5, 2.5] straddles 2.
        assertEquals(Verdict.NOT_RESOLVED, Claims.within(1.5, 1, -2, 2));
        // d = 3.5 ± 1: [2.5, 4.5] entirely above 2.
        assertEquals(Verdict.FAIL, Claims.within(3.5, 1, -2, 2));
        assertEquals(Verdict.FAIL, Claims.within(Double.NaN, 1, -2, 2));
    }

    @Test
    void aStrictOrderingFailsOnATieOfExactCountsAndIsUnresolvedWithinNoise() {
        assertEquals(Verdict.FAIL, Claims.positive(0, 0), "equal sparsity is not more sparsity");
        assertEquals(Verdict.PASS, Claims.positive(1.5625, 0), "one group more");
        assertEquals(
                Verdict.NOT_RESOLVED,
                Claims.positive(1.0, 2.6),
                "1 pp with a 2.6 pp standard error");
        assertEquals(Verdict.PASS, Claims.positive(3.0, 2.6));
        assertEquals(Verdict.FAIL, Claims.positive(-3.0, 2.6));
    }

    @Test
    void verdictsCombineAsTheClaimsRead() {
        assertEquals(Verdict.FAIL, Verdict.PASS.and(Verdict.FAIL));
        assertEquals(Verdict.NOT_RESOLVED, Verdict.PASS.and(Verdict.NOT_RESOLVED));
        assertEquals(Verdict.PASS, Verdict.FAIL.or(Verdict.PASS));
        assertEquals(Verdict.NOT_RESOLVED, Verdict.FAIL.or(Verdict.NOT_RESOLVED));
        assertEquals(Verdict.FAIL, Verdict.FAIL.or(Verdict.FAIL));
    }

    @Test
    void standardErrorOfAnAccuracyOnTheValidationSet() {
        // 78 % on 505 clips: 100 √(0.78 · 0.22 / 505) = 1.8434 pp.
        assertEquals(1.8434, PaperClaims.se(78, 505), 1e-4);
        assertEquals(0.0, PaperClaims.se(100, 505), 0.0);
    }

    @Test
    void theLedgerCountsEachVerdictAndKeepsInvariantsApart() {
        Claims c =
                new Claims()
                        .number("a", "T1", 88.5, 88.0, 0.2, 2, " %", "04")
                        .number("b", "T1", 88.5, 80.0, 1.8, 2, " %", "04")
                        .number("c", "T1", 88.5, 86.0, 1.0, 2, " %", "04")
                        .invariant("masks kept", "S4", "yes", true, "06");
        assertEquals(1, c.count(Verdict.PASS));
        assertEquals(1, c.count(Verdict.FAIL));
        assertEquals(1, c.count(Verdict.NOT_RESOLVED));
        assertEquals(3, c.table().rowCount());
        assertEquals(1, c.invariants().rowCount());
    }

    @Test
    void theEdgesOfAnIntervalCountAsInsideForWithinAndATouchingBarIsNotAFail() {
        // [x − h, x + h] = [1, 2] inside [1, 2]: PASS (closed bounds); [−2, 2] against [0, 5]
        // overlaps: not resolved.
        assertEquals(Verdict.PASS, Claims.within(1.5, 0.5, 1, 2));
        assertEquals(Verdict.NOT_RESOLVED, Claims.within(1.5, 0.50001, 1, 2));
        // A bar that ends exactly on a bound still touches it: not resolved, not FAIL (x + h = lo,
        // x − h = hi).
        assertEquals(Verdict.NOT_RESOLVED, Claims.within(-1, 1, 0, 5));
        assertEquals(Verdict.NOT_RESOLVED, Claims.within(6, 1, 0, 5));
        assertEquals(Verdict.FAIL, Claims.within(-1.0001, 1, 0, 5));
        assertEquals(Verdict.FAIL, Claims.within(6.0001, 1, 0, 5));
        // "x > 0" with x − h = 0 exactly is not yet a PASS; with x + h = 0 it is a FAIL.
        assertEquals(Verdict.NOT_RESOLVED, Claims.positive(1, 1));
        assertEquals(Verdict.FAIL, Claims.positive(-1, 1));
        assertEquals(Verdict.FAIL, Claims.positive(Double.NaN, 0));
        assertEquals(Verdict.NOT_RESOLVED, Verdict.PASS.and(Verdict.NOT_RESOLVED));
        assertEquals(Verdict.NOT_RESOLVED, Verdict.NOT_RESOLVED.and(Verdict.PASS));
        assertEquals(Verdict.FAIL, Verdict.NOT_RESOLVED.and(Verdict.FAIL));
    }

    @Test
    void aNumberClaimShowsItsIntervalOnlyWhenItHasOneAndJudgesTheDifferenceToThePaper() {
        Claims c = new Claims();
        c.number("with", "T", 88.5, 87.2, 0.65, 2, " %", "04");
        c.number("exact", "T", 51.6, 40.625, 0, 5, " %", "04");
        c.number("n/a", "T", 51.6, Double.NaN, 0, 5, " %", "04");
        c.invariant("ok", "S", "seen", true, "05");
        c.invariant("bad", "S", "seen", false, "05");
        var t = c.table();
        assertEquals("88.50 %", t.stringColumn("paper").get(0));
        assertEquals("87.20 % ± 0.65 (95 %)", t.stringColumn("ours").get(0));
        assertEquals("|ours − paper| ≤ 2.00 %", t.stringColumn("rule").get(0));
        assertEquals("PASS", t.stringColumn("verdict").get(0));
        assertEquals("40.63 %", t.stringColumn("ours").get(1));
        assertEquals("FAIL", t.stringColumn("verdict").get(1));
        assertEquals("n/a %", t.stringColumn("ours").get(2));
        assertEquals("FAIL", t.stringColumn("verdict").get(2));
        assertEquals("yes", c.invariants().stringColumn("holds").get(0));
        assertEquals("NO", c.invariants().stringColumn("holds").get(1));
    }
}
