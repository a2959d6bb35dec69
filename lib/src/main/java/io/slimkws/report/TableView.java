package io.slimkws.report;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw {@link Table} shown as HTML in notebooks and written as CSV and Markdown for
 * results/. Numbers are printed as Tablesaw formats them; nothing is rounded away here.
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
                b.append("<td>").append(Html.escape(c.getString(r))).append("</td>");
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
                b.append(' ').append(md(c.getString(r))).append(" |");
            }
            b.append('\n');
        }
        return b.toString();
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
        Html.writeAtomically(dir.resolve(stem + ".csv"), csv());
        Html.writeAtomically(dir.resolve(stem + ".md"), markdown());
        Html.writeAtomically(dir.resolve(stem + ".html"), html());
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
