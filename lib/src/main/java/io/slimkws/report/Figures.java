package io.slimkws.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.HeatmapTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * The few figure shapes the notebooks use, built with tablesaw-jsplot and made offline by {@link
 * Plot}.
 */
public final class Figures {
    private Figures() {}

    static Layout layout(String title, String x, String y, int height) {
        return Layout.builder()
                .title(title)
                .height(height)
                .xAxis(Axis.builder().title(x).build())
                .yAxis(Axis.builder().title(y).build())
                .build();
    }

    /** Lines over a shared x, one per named series (in map order). */
    public static Plot lines(
            String title, String xLabel, String yLabel, double[] x, Map<String, double[]> series) {
        List<Trace> traces = new ArrayList<>();
        for (var e : series.entrySet()) {
            traces.add(
                    ScatterTrace.builder(x, e.getValue())
                            .mode(ScatterTrace.Mode.LINE)
                            .name(e.getKey())
                            .showLegend(series.size() > 1)
                            .build());
        }
        return Plot.of(
                new Figure(layout(title, xLabel, yLabel, 380), traces.toArray(new Trace[0])));
    }

    /**
     * Lines with markers, each series with its own x: {@code series.get(name) = {x[], y[]}} (in map
     * order).
     */
    public static Plot xyLines(
            String title, String xLabel, String yLabel, Map<String, double[][]> series) {
        List<Trace> traces = new ArrayList<>();
        for (var e : series.entrySet()) {
            traces.add(
                    ScatterTrace.builder(e.getValue()[0], e.getValue()[1])
                            .mode(ScatterTrace.Mode.LINE_AND_MARKERS)
                            .name(e.getKey())
                            .showLegend(true)
                            .build());
        }
        return Plot.of(
                new Figure(layout(title, xLabel, yLabel, 420), traces.toArray(new Trace[0])));
    }

    /**
     * A heat map of {@code rows[t][k]} with t along x (e.g. frames) and k along y (e.g.
     * coefficients).
     */
    public static Plot heatmap(String title, String xLabel, String yLabel, float[][] rows) {
        int t = rows.length;
        int k = t == 0 ? 0 : rows[0].length;
        Object[] xs = new Object[t];
        Object[] ys = new Object[k];
        double[][] z = new double[k][t];
        for (int i = 0; i < t; i++) {
            xs[i] = i;
            for (int j = 0; j < k; j++) {
                z[j][i] = rows[i][j];
            }
        }
        for (int j = 0; j < k; j++) {
            ys[j] = j;
        }
        return Plot.of(
                new Figure(
                        layout(title, xLabel, yLabel, 320),
                        HeatmapTrace.builder(xs, ys, z).build()));
    }

    /**
     * {@code rows[t][k]} with every column k shifted and scaled to mean 0 and standard deviation 1
     * over t (a constant column becomes 0). For heat maps of MFCCs, whose c0 (the log energy) spans
     * several times the range of the rest and would leave every other coefficient one colour.
     */
    public static float[][] standardizeColumns(float[][] rows) {
        int t = rows.length;
        int k = t == 0 ? 0 : rows[0].length;
        float[][] out = new float[t][k];
        for (int j = 0; j < k; j++) {
            double mean = 0;
            for (float[] r : rows) {
                mean += r[j];
            }
            mean /= t;
            double var = 0;
            for (float[] r : rows) {
                var += (r[j] - mean) * (r[j] - mean);
            }
            double sd = Math.sqrt(var / t);
            for (int i = 0; i < t; i++) {
                out[i][j] = sd > 0 ? (float) ((rows[i][j] - mean) / sd) : 0f;
            }
        }
        return out;
    }

    /** Bars, one per category. */
    public static Plot bars(
            String title, String xLabel, String yLabel, Object[] categories, double[] values) {
        return Plot.of(
                new Figure(
                        layout(title, xLabel, yLabel, 340),
                        BarTrace.builder(categories, values).build()));
    }

    /** Grouped bars, one series per name (in map order), side by side in each category. */
    public static Plot bars(
            String title,
            String xLabel,
            String yLabel,
            Object[] categories,
            Map<String, double[]> series) {
        List<Trace> traces = new ArrayList<>();
        for (var e : series.entrySet()) {
            traces.add(
                    BarTrace.builder(categories, e.getValue())
                            .name(e.getKey())
                            .showLegend(series.size() > 1)
                            .build());
        }
        return Plot.of(
                new Figure(layout(title, xLabel, yLabel, 340), traces.toArray(new Trace[0])));
    }
}
