package io.slimkws.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.LinePlot;

class PlotTest {

    @Test
    void readsTablesawFigureIntoPlotlyJson() throws Exception {
        Table t =
                Table.create(
                        "t", DoubleColumn.create("x", 0, 1, 2), DoubleColumn.create("y", 5, 7, 9));
        Plot p = Plot.of(LinePlot.create("A title", t, "x", "y"));
        JsonNode spec = new ObjectMapper().readTree(p.json());
        // The data we put in must come out as plotly's strict JSON, values unchanged.
        JsonNode trace = spec.path("data").get(0);
        assertEquals(3, trace.path("x").size());
        assertEquals(9.0, trace.path("y").get(2).asDouble());
        assertEquals("A title", spec.path("layout").path("title").path("text").asText());
        assertEquals("A title", p.title());
    }

    @Test
    void errorBarsSpanEachPointsIntervalAsymmetrically() throws Exception {
        Table t =
                Table.create(
                        "t", DoubleColumn.create("x", 0, 1, 2), DoubleColumn.create("y", 5, 7, 9));
        Plot p = Plot.of(LinePlot.create("T", t, "x", "y"));
        // Point 1 at y = 7 spans [4, 8]: 3 below, 1 above; point 2 has no interval.
        p.errorBars(0, new double[] {4, 4, Double.NaN}, new double[] {6, 8, Double.NaN});
        JsonNode e = new ObjectMapper().readTree(p.json()).path("data").get(0).path("error_y");
        assertEquals("[1.0,1.0,0.0]", e.path("array").toString());
        assertEquals("[1.0,3.0,0.0]", e.path("arrayminus").toString());
        assertEquals(false, e.path("symmetric").asBoolean());
        assertEquals(1, p.traceCount());
        assertThrows(
                IllegalArgumentException.class,
                () -> p.errorBars(0, new double[] {1}, new double[] {2}));
        assertThrows(
                IllegalArgumentException.class,
                () -> p.errorBars(1, new double[] {1, 1, 1}, new double[] {2, 2, 2}));
    }

    @Test
    void bundleOffersPlotlyJsonAndHtmlFallback() {
        Table t = Table.create("t", DoubleColumn.create("x", 0, 1), DoubleColumn.create("y", 1, 2));
        Map<String, Object> b = Plot.of(LinePlot.create("T", t, "x", "y")).mimeBundle();
        assertTrue(b.get(Plot.PLOTLY_MIME) instanceof Map);
        String html = (String) b.get("text/html");
        assertTrue(html.contains("Plotly.newPlot") && html.contains(PlotlyJs.FILE_NAME));
    }

    @Test
    void lenientLiteralHandlesTablesawSyntax() {
        JsonNode n =
                Plot.objectLiteral("var trace0 =\n{\nx: [1,2],\nmode: 'lines',\n};", "trace 0");
        assertEquals("lines", n.path("mode").asText());
        assertEquals(2, n.path("x").size());
        assertThrows(IllegalArgumentException.class, () -> Plot.objectLiteral("var x = 3;", "bad"));
    }

    @Test
    void axisTitlesBecomeObjects() throws Exception {
        JsonNode n = new ObjectMapper().readTree("{\"title\":\"a\",\"xaxis\":{\"title\":\"b\"}}");
        Plot.titlesAsObjects(n);
        assertEquals("b", n.path("xaxis").path("title").path("text").asText());
        assertEquals("a", n.path("title").path("text").asText());
    }
}
