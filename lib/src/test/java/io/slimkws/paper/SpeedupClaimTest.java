package io.slimkws.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slimkws.model.Speedup;
import io.slimkws.report.Claims;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The speed-up claim (paper: 28.87 %) passes only when every timing round saves as much, fails when
 * none does.
 */
class SpeedupClaimTest {
    private static String verdict(double lowest, double highest) {
        Table t =
                Table.create(
                        "timing",
                        StringColumn.create("network", "dense", "masked", "pruned"),
                        DoubleColumn.create("latency / dense", 1, 1, 0.75),
                        DoubleColumn.create("throughput / dense", 1, 1, 1.3),
                        DoubleColumn.create(Speedup.LOWEST, 0, -1, lowest),
                        DoubleColumn.create(Speedup.HIGHEST, 0, 1, highest));
        Claims c = new Claims();
        PaperClaims.speedup(c, t, 46);
        return c.table().stringColumn("verdict").get(0);
    }

    @Test
    void roundsAboveBelowAndAcrossThePapersFigure() {
        assertEquals("PASS", verdict(29.0, 35.0));
        assertEquals("FAIL", verdict(15.0, 28.8));
        assertEquals("NOT RESOLVED", verdict(20.0, 33.0));
    }
}
