package io.slimkws.env;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The FMA probe proves itself: its twelve chains measure several times a single chain (so they
 * overlap and are counted as work really done), and no more than two FMA ports can deliver at the
 * clock the single chain implies; a probe whose chains were merged would be caught.
 */
class FmaProbeTest {
    /**
     * Timings share the machine with whatever else runs, so each timed check gets three tries: a
     * busy core can make one try read low, but a probe whose chains were merged measures about one
     * chain's rate on every try and still fails.
     */
    private static final int TRIES = 3;

    @Test
    void theProbeOnThisHostPassesItsSelfCheck() {
        FmaProbe.Limit l = FmaProbe.measure(1, 3, 150);
        for (int t = 1; t < TRIES && l.selfCheck() != null; t++) {
            l = FmaProbe.measure(1, 3, 150);
        }
        assertNull(l.selfCheck(), l.describe());
        // Independent of the record's own arithmetic: at most 64 FLOP per cycle per core (two
        // 512-bit FMA ports).
        assertTrue(l.oneThread() / l.clockGhz() <= 64 * 1.05, l.describe());
        assertTrue(l.oneThread() >= 3 * l.singleChain(), l.describe());
    }

    @Test
    void aProbeWhoseChainsWereMergedIsCaught() {
        FmaProbe.Limit real = FmaProbe.measure(1, 2, 100);
        // What a JIT that folded the twelve chains into one would report: one chain's work counted
        // twelve times.
        FmaProbe.Limit merged =
                new FmaProbe.Limit(
                        FmaProbe.CHAINS * real.singleChain(),
                        FmaProbe.CHAINS * real.singleChain(),
                        real.singleChain(),
                        real.clockGhz(),
                        1,
                        real.lanes());
        assertNotNull(merged.selfCheck(), merged.describe());
    }

    @Test
    void theWeakenedCopyMeasuresLower() {
        FmaProbe.measure(1, 1, 50); // warm-up
        double full = 0;
        double one = 0;
        for (int t = 0; t < TRIES && !(full > 3 * one); t++) {
            full = FmaProbe.rate(true, 150);
            one = FmaProbe.rate(false, 150);
        }
        assertTrue(full > 3 * one, "12 chains " + full + " GFLOP/s, one chain " + one);
    }
}
