package io.slimkws.report;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slimkws.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A tablesaw-jsplot {@link Figure} made showable offline.
 *
 * <p>Tablesaw writes each trace and the layout as JavaScript object literals (unquoted keys, single
 * quotes, trailing commas); those are read here, leniently, into plain plotly JSON. The figure is
 * then offered as {@code application/vnd.plotly.v1+json}, which JupyterLab renders natively through
 * the jupyterlab-plotly extension of the pinned {@code plotly} package (no script, so no notebook
 * trust needed), with a {@code text/html} fallback for HTML exports that loads {@value
 * PlotlyJs#FILE_NAME} from the same folder.
 */
public final class Plot implements Displayable {
    public static final String PLOTLY_MIME = "application/vnd.plotly.v1+json";

    private static final ObjectMapper LENIENT =
            JsonMapper.builder()
                    .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
                    .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                    .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                    .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String title;
    private final ObjectNode spec;

    private Plot(String title, ObjectNode spec) {
        this.title = title;
        this.spec = spec;
    }

    /** Reads a tablesaw figure into plotly JSON. */
    public static Plot of(Figure figure) {
        ObjectNode spec = JSON.createObjectNode();
        ArrayNode data = spec.putArray("data");
        Trace[] traces = figure.getTraces();
        for (int i = 0; i < traces.length; i++) {
            data.add(objectLiteral(traces[i].asJavascript(i), "trace " + i));
        }
        String title = "figure";
        if (figure.getLayout() != null) {
            JsonNode layout = objectLiteral(figure.getLayout().asJavascript(), "layout");
            titlesAsObjects(layout);
            spec.set("layout", layout);
            JsonNode t = layout.path("title");
            if (t.isTextual()) {
                title = t.asText();
            } else if (t.path("text").isTextual()) {
                title = t.path("text").asText();
            }
        } else {
            spec.putObject("layout");
        }
        return new Plot(unescape(title), spec);
    }

    /**
     * Tablesaw's templates HTML-escape titles; plotly renders the entities, plain text should not
     * show them.
     */
    static String unescape(String s) {
        return s.replace("&#39;", "'")
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    /**
     * Tablesaw writes {@code title: 'text'}; plotly.js 3 (the one bundled offline) only reads
     * {@code title: {text: 'text'}}, for the figure and for every axis.
     */
    static void titlesAsObjects(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            JsonNode t = obj.get("title");
            if (t != null && t.isTextual()) {
                obj.putObject("title").put("text", t.asText());
            }
            obj.elements().forEachRemaining(Plot::titlesAsObjects);
        } else if (node instanceof ArrayNode arr) {
            arr.elements().forEachRemaining(Plot::titlesAsObjects);
        }
    }

    /** Parses {@code var name = { ... };} as written by tablesaw's templates. */
    static JsonNode objectLiteral(String js, String what) {
        int open = js.indexOf('{');
        int close = js.lastIndexOf('}');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException(
                    "tablesaw " + what + " is not an object literal: " + js);
        }
        try {
            return LENIENT.readTree(js.substring(open, close + 1));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read tablesaw " + what + " as JSON: " + e.getMessage(), e);
        }
    }

    public String title() {
        return title;
    }

    /**
     * Fixes an axis ("xaxis" or "yaxis") to [lo, hi], e.g. accuracy to 0-100 %, so that figures
     * compare at a glance.
     */
    public Plot range(String axis, double lo, double hi) {
        ObjectNode a = layout().with(axis);
        a.putArray("range").add(lo).add(hi);
        a.put("autorange", false);
        return this;
    }

    /**
     * A labelled point in data coordinates (e.g. a value the paper reports), drawn as a marker with
     * its text, so that the reference is on the plot and not only in the title.
     */
    public Plot mark(double x, double y, String text) {
        return mark(x, y, text, "top left");
    }

    /**
     * {@link #mark(double, double, String)} with the text placed as plotly's textposition says
     * (e.g. "top right").
     */
    public Plot mark(double x, double y, String text, String position) {
        ArrayNode data = (ArrayNode) spec.get("data");
        ObjectNode t = data.addObject();
        t.put("type", "scatter")
                .put("mode", "markers+text")
                .put("name", text)
                .put("showlegend", false);
        t.putArray("x").add(x);
        t.putArray("y").add(y);
        t.putArray("text").add(text);
        t.put("textposition", position);
        t.putObject("marker").put("symbol", "diamond").put("size", 11).put("color", "black");
        return this;
    }

    /** How many traces the plot has so far (the next one drawn gets this index). */
    public int traceCount() {
        return spec.withArray("data").size();
    }

    /**
     * Vertical error bars on trace {@code trace}: point i spans [low[i], high[i]] (e.g. a 95 %
     * interval, asymmetric about its y); NaN bounds draw no bar.
     */
    public Plot errorBars(int trace, double[] low, double[] high) {
        ArrayNode data = spec.withArray("data");
        if (trace < 0 || trace >= data.size()) {
            throw new IllegalArgumentException(
                    "no trace "
                            + trace
                            + " to put error bars on (the plot has "
                            + data.size()
                            + ")");
        }
        JsonNode y = data.get(trace).path("y");
        if (low.length != y.size() || high.length != y.size()) {
            throw new IllegalArgumentException(
                    "error bars need one interval per point: trace "
                            + trace
                            + " has "
                            + y.size()
                            + " points, got "
                            + low.length
                            + " and "
                            + high.length
                            + " bounds");
        }
        ObjectNode e = ((ObjectNode) data.get(trace)).putObject("error_y");
        e.put("type", "data").put("symmetric", false).put("visible", true);
        ArrayNode plus = e.putArray("array");
        ArrayNode minus = e.putArray("arrayminus");
        for (int i = 0; i < y.size(); i++) {
            double v = y.get(i).asDouble();
            plus.add(Double.isNaN(high[i]) ? 0 : high[i] - v);
            minus.add(Double.isNaN(low[i]) ? 0 : v - low[i]);
        }
        return this;
    }

    /**
     * Names every trace drawn so far in a legend below the plot, even a single one (so that "ours"
     * is never unlabelled).
     */
    public Plot showLegend() {
        for (JsonNode t : spec.withArray("data")) {
            ((ObjectNode) t).put("showlegend", true);
        }
        layout().put("showlegend", true);
        // Below the plot: a legend beside it narrows the plot and cuts the axis title.
        layout().with("legend")
                .put("orientation", "h")
                .put("x", 0)
                .put("y", -0.3)
                .put("yanchor", "top");
        layout().with("margin").put("b", 130);
        layout().put("height", Math.max(layout().path("height").asInt(0), 500));
        return this;
    }

    /** A dashed horizontal line across the plot at {@code y} with its label at the right end. */
    public Plot level(double y, String text) {
        ObjectNode layout = layout();
        ArrayNode shapes =
                layout.has("shapes") ? (ArrayNode) layout.get("shapes") : layout.putArray("shapes");
        ObjectNode sh = shapes.addObject();
        sh.put("type", "line")
                .put("xref", "paper")
                .put("x0", 0)
                .put("x1", 1)
                .put("yref", "y")
                .put("y0", y)
                .put("y1", y);
        sh.putObject("line").put("dash", "dash").put("width", 1.5).put("color", "black");
        return note(1, y, "y", text, "right", "bottom");
    }

    /** Text below the plot area (e.g. where the paper's text and its figure disagree). */
    public Plot caption(String text) {
        layout().with("margin").put("b", 200);
        layout().put("height", Math.max(layout().path("height").asInt(0), 560));
        return note(0, -0.5, "paper", wrap(text, 90), "left", "top");
    }

    /**
     * Breaks a long text into lines of at most about {@code width} characters (plotly does not wrap
     * annotations).
     */
    static String wrap(String text, int width) {
        StringBuilder out = new StringBuilder();
        int line = 0;
        for (String word : text.split(" ")) {
            if (line > 0 && line + 1 + word.length() > width) {
                out.append("<br>");
                line = 0;
            } else if (line > 0) {
                out.append(' ');
                line++;
            }
            out.append(word);
            line += word.length();
        }
        return out.toString();
    }

    private Plot note(
            double x, double y, String yref, String text, String xanchor, String yanchor) {
        ObjectNode layout = layout();
        ArrayNode notes =
                layout.has("annotations")
                        ? (ArrayNode) layout.get("annotations")
                        : layout.putArray("annotations");
        notes.addObject()
                .put("xref", "paper")
                .put("x", x)
                .put("yref", yref)
                .put("y", y)
                .put("text", text)
                .put("showarrow", false)
                .put("xanchor", xanchor)
                .put("yanchor", yanchor)
                .put("align", "left");
        return this;
    }

    private ObjectNode layout() {
        return spec.with("layout");
    }

    /** The plotly figure as JSON: {@code {"data": [...], "layout": {...}}}. */
    public String json() {
        return spec.toString();
    }

    /** A div plus the script that draws into it; expects plotly.js in the page or beside it. */
    public String htmlFragment() {
        String id = "slimkws-" + UUID.randomUUID();
        return "<div id=\""
                + id
                + "\" style=\"width:100%;min-height:420px\"></div>\n"
                + "<script>(function(){var spec="
                + spec.toString().replace("</", "<\\/")
                + ";"
                + "function draw(){Plotly.newPlot('"
                + id
                + "',spec.data,spec.layout,{responsive:true});}"
                + "if(window.Plotly){draw();}else{var s=document.createElement('script');"
                + "s.src='"
                + PlotlyJs.FILE_NAME
                + "';s.onload=draw;document.head.appendChild(s);}})();</script>";
    }

    /** A complete page that renders offline when {@value PlotlyJs#FILE_NAME} sits beside it. */
    public String standaloneHtml() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + Html.escape(title)
                + "</title><script src=\""
                + PlotlyJs.FILE_NAME
                + "\"></script></head>\n<body>\n"
                + htmlFragment()
                + "\n</body></html>\n";
    }

    /** Writes the standalone page (atomically) with plotly.js beside it. */
    public Path writeHtml(Path file) {
        PlotlyJs.copyInto(file.toAbsolutePath().getParent());
        return AtomicFiles.write(file, standaloneHtml());
    }

    @Override
    public Map<String, Object> mimeBundle() {
        Map<String, Object> bundle = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> asMap = JSON.convertValue(spec, Map.class);
        bundle.put(PLOTLY_MIME, asMap);
        bundle.put("text/html", htmlFragment());
        bundle.put("text/plain", "Plot: " + title);
        return bundle;
    }

    @Override
    public String toString() {
        return "Plot: " + title;
    }
}
