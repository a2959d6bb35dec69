package io.slimkws.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slimkws.paper.PaperClaims;
import io.slimkws.report.Claims.Verdict;
import org.junit.jupiter.api.Test;

/** Noise-aware verdicts, on hand-worked cases. */
class ClaimsTest {
    @Test
    void replicatesAgreeOnlyWhenTheyAllSayTheSame() {
        // Seeds of one claim: both pass, both fail, or one passes and one fails (or either is open).
        assertEquals(Claims.Verdict.PASS, Claims.Verdict.PASS.agree(Claims.Verdict.PASS));
        assertEquals(Claims.Verdict.FAIL, Claims.Verdict.FAIL.agree(Claims.Verdict.FAIL));
        assertEquals(Claims.Verdict.NOT_RESOLVED, Claims.Verdict.PASS.agree(Claims.Verdict.FAIL));
        assertEquals(Claims.Verdict.NOT_RESOLVED, Claims.Verdict.FAIL.agree(Claims.Verdict.NOT_RESOLVED));
        assertEquals(Claims.Verdict.NOT_RESOLVED, Claims.Verdict.NOT_RESOLVED.agree(Claims.Verdict.NOT_RESOLVED));
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
        assertEquals(Verdict.NOT_RESOLVED, Claims.positive(1.0, 2.6), "1 pp with a 2.6 pp standard error");
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
        Claims c = new Claims().number("a", "T1", 88.5, 88.0, 0.2, 2, " %", "04").number("b", "T1", 88.5, 80.0, 1.8, 2, " %", "04")
                .number("c", "T1", 88.5, 86.0, 1.0, 2, " %", "04").invariant("masks kept", "S4", "yes", true, "06");
        assertEquals(1, c.count(Verdict.PASS));
        assertEquals(1, c.count(Verdict.FAIL));
        assertEquals(1, c.count(Verdict.NOT_RESOLVED));
        assertEquals(3, c.table().rowCount());
        assertEquals(1, c.invariants().rowCount());
    }
}
