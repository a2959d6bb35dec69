package io.slimkws.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TableViewTest {
    @Test
    void unitlessDecimalsAreShownToFourSignificantDigitsInEveryFormat() {
        // Expected strings written by hand.
        assertEquals("3621", TableView.significant(3620.546875, 4));
        assertEquals("543.6", TableView.significant(543.5867093723606, 4));
        assertEquals("60.59", TableView.significant(60.59, 4));
        assertEquals("88.5", TableView.significant(88.5, 4));
        assertEquals("0.988", TableView.significant(0.98798816, 4));
        assertEquals("0.0005", TableView.significant(0.0005, 4));
        assertEquals("9.1E-15", TableView.significant(9.1e-15, 4));
        assertEquals("-1.407", TableView.significant(-1.4070088863372803, 4));
        assertEquals("0", TableView.significant(0.0, 4));
        assertEquals("1", TableView.significant(1.0, 4));

        Table t =
                Table.create(
                        "t",
                        StringColumn.create("name", "a"),
                        DoubleColumn.create("x", 1.4070088863372803));
        TableView v = TableView.of(t);
        assertTrue(v.markdown().contains("| a | 1.407 |"), v.markdown());
        assertTrue(v.html().contains("<td style=\"text-align:right\">1.407</td>"), v.html());
        assertTrue(v.html().contains("<td style=\"text-align:left\">a</td>"), v.html());
        assertTrue(v.csv().contains("a,1.407\n"), v.csv());
    }

    @Test
    void aColumnsUnitFixesItsDecimalsAndTheCsvHoldsTheSameRoundedNumbers() {
        Table t =
                Table.create(
                        "t",
                        StringColumn.create("run", "original", "GL"),
                        DoubleColumn.create("Accuracy % (ours)", 78.2178218, 51.6831683),
                        DoubleColumn.create("ours − paper (pp)", -10.2821782, Double.NaN),
                        DoubleColumn.create("time per clip (ms)", 1.23456, 10.0));
        TableView v = TableView.of(t);
        assertTrue(v.markdown().contains("| original | 78.2 | -10.3 | 1.23 |"), v.markdown());
        assertTrue(v.markdown().contains("| GL | 51.7 |  | 10.00 |"), v.markdown());
        assertTrue(v.markdown().contains("|:---|---:|---:|---:|"), v.markdown());
        assertTrue(v.csv().contains("original,78.2,-10.3,1.23\n"), v.csv());
        assertTrue(v.csv().contains("GL,51.7,,10.00\n"), v.csv());
    }
}
