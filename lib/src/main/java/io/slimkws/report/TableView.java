package io.slimkws.report;

import io.slimkws.files.AtomicFiles;
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
 * A Tablesaw {@link Table} shown as HTML in notebooks and written as CSV and Markdown for results/.
 * A decimal column shows a fixed number of decimals chosen by its unit, read from its name ({@link
 * #DECIMALS_BY_UNIT}: percentages and percentage points 1, milliseconds 2), else 4 significant
 * digits; the CSV holds the same rounded numbers (no more digits than were measured), unformatted.
 * Numbers are right-aligned, text left-aligned.
 */
public final class TableView implements Displayable {
    /** Decimals of a column by the unit its name carries, first match wins. */
    static final Map<String, Integer> DECIMALS_BY_UNIT = decimalsByUnit();

    private static Map<String, Integer> decimalsByUnit() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("(pp)", 1);
        m.put("%", 1);
        m.put("(ms)", 2);
        m.put(" ms", 2);
        return m;
    }

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
                b.append(
                                c instanceof NumberColumn
                                        ? "<td style=\"text-align:right\">"
                                        : "<td style=\"text-align:left\">")
                        .append(Html.escape(shown(c, r)))
                        .append("</td>");
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
        for (Column<?> c : table.columns()) {
            b.append(c instanceof NumberColumn ? "---:|" : ":---|");
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

    /**
     * A cell as shown to a reader: decimal columns by their unit (see the class comment), the rest
     * as Tablesaw prints them.
     */
    static String shown(Column<?> c, int r) {
        if (!(c instanceof DoubleColumn || c instanceof FloatColumn) || c.isMissing(r)) {
            return c.getString(r);
        }
        double v = ((NumberColumn<?, ?>) c).getDouble(r);
        Integer d = decimals(c.name());
        if (d == null || Double.isNaN(v) || Double.isInfinite(v)) {
            return significant(v, 4);
        }
        return new BigDecimal(v).setScale(d, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Fixed decimals of a column named {@code name}, or null for 4 significant digits. */
    static Integer decimals(String name) {
        for (var e : DECIMALS_BY_UNIT.entrySet()) {
            if (name.contains(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * {@code v} rounded to {@code digits} significant digits, without exponent unless it is below
     * 1e-4.
     */
    static String significant(double v, int digits) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal d =
                new BigDecimal(v)
                        .round(new MathContext(digits, RoundingMode.HALF_EVEN))
                        .stripTrailingZeros();
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
                Column<?> c = table.column(i);
                // Rounded as shown: the CSV never claims more digits than were measured; missing
                // stays empty.
                String v =
                        c.isMissing(r)
                                ? ""
                                : c instanceof NumberColumn ? shown(c, r) : c.getString(r);
                b.append(i == 0 ? "" : ",").append(csvCell(v));
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

    /**
     * Writes {@code <stem>.csv}, {@code <stem>.md} and an HTML fragment {@code <stem>.html} into
     * {@code dir}.
     */
    public TableView write(Path dir, String stem) {
        AtomicFiles.write(dir.resolve(stem + ".csv"), csv());
        AtomicFiles.write(dir.resolve(stem + ".md"), markdown());
        AtomicFiles.write(dir.resolve(stem + ".html"), html());
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
