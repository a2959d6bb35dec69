package io.slimkws.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TableViewTest {
    @Test
    void decimalsAreShownToFourSignificantDigitsAndKeptWholeInTheCsv() {
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

        Table t = Table.create("t", StringColumn.create("name", "a"), DoubleColumn.create("x", 1.4070088863372803));
        TableView v = TableView.of(t);
        assertTrue(v.markdown().contains("| a | 1.407 |"), v.markdown());
        assertTrue(v.html().contains("<td>1.407</td>"), v.html());
        assertTrue(v.csv().contains("1.40700888"), v.csv());
    }
}
