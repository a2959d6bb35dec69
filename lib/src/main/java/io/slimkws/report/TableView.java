package io.slimkws.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw {@link Table} shown as HTML in notebooks and written as CSV and Markdown for
 * results/. HTML and Markdown show decimal numbers to 4 significant digits, for reading; the CSV
 * keeps every digit Tablesaw prints, for computing.
 */
public final class TableView implements Displayable {
    private final Table table;

    private TableView(Table table) {
        this.table = table;
    }

    public static TableView of(Table table) {
        return new TableView(table);
    }

    public Table table() {
        return table;
    }

    public String html() {
        StringBuilder b = new StringBuilder();
        b.append("<table class=\"slimkws\">");
        if (table.name() != null && !table.name().isBlank()) {
            b.append("<caption>").append(Html.escape(table.name())).append("</caption>");
        }
        b.append("<thead><tr>");
        for (Column<?> c : table.columns()) {
            b.append("<th>").append(Html.escape(c.name())).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (int r = 0; r < table.rowCount(); r++) {
            b.append("<tr>");
            for (Column<?> c : table.columns()) {
                b.append("<td>").append(Html.escape(shown(c, r))).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    public String markdown() {
        StringBuilder b = new StringBuilder();
        if (table.name() != null && !table.name().isBlank()) {
            b.append("**").append(table.name()).append("**\n\n");
        }
        b.append('|');
        for (Column<?> c : table.columns()) {
            b.append(' ').append(md(c.name())).append(" |");
        }
        b.append("\n|");
        for (int i = 0; i < table.columnCount(); i++) {
            b.append("---|");
        }
        b.append('\n');
        for (int r = 0; r < table.rowCount(); r++) {
            b.append('|');
            for (Column<?> c : table.columns()) {
                b.append(' ').append(md(shown(c, r))).append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** A cell as shown to a reader: decimal columns to 4 significant digits, the rest as Tablesaw prints them. */
    static String shown(Column<?> c, int r) {
        if (!(c instanceof DoubleColumn || c instanceof FloatColumn) || c.isMissing(r)) {
            return c.getString(r);
        }
        return significant(((NumberColumn<?, ?>) c).getDouble(r), 4);
    }

    /** {@code v} rounded to {@code digits} significant digits, without exponent unless it is below 1e-4. */
    static String significant(double v, int digits) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        return Math.abs(v) < 1e-4 ? d.toString() : d.toPlainString();
    }

    private static String md(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    public String csv() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < table.columnCount(); i++) {
            b.append(i == 0 ? "" : ",").append(csvCell(table.column(i).name()));
        }
        b.append('\n');
        for (int r = 0; r < table.rowCount(); r++) {
            for (int i = 0; i < table.columnCount(); i++) {
                b.append(i == 0 ? "" : ",").append(csvCell(table.column(i).getString(r)));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String csvCell(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** Writes {@code <stem>.csv}, {@code <stem>.md} and an HTML fragment {@code <stem>.html} into {@code dir}. */
    public TableView write(Path dir, String stem) {
        io.slimkws.files.AtomicFiles.write(dir.resolve(stem + ".csv"), csv());
        io.slimkws.files.AtomicFiles.write(dir.resolve(stem + ".md"), markdown());
        io.slimkws.files.AtomicFiles.write(dir.resolve(stem + ".html"), html());
        return this;
    }

    @Override
    public Map<String, Object> mimeBundle() {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("text/html", html());
        bundle.put("text/markdown", markdown());
        bundle.put("text/plain", table.print());
        return bundle;
    }

    @Override
    public String toString() {
        return table.print();
    }
}
