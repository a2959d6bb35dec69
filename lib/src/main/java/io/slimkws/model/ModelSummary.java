package io.slimkws.model;

import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The model summary of Fig. 1: per layer its kernel, output shape, parameters and
 * multiply-accumulates per clip, for the full network or with only {@code kept} of conv2's
 * input channels (and conv1's matching filters) left.
 */
public final class ModelSummary {
    private ModelSummary() {
    }

    public static Table table(int kept) {
        int c = KwsCnn.CHANNELS;
        long t = KwsCnn.FRAMES;
        long f = KwsCnn.COEFFS;
        long t2 = t / 2;
        long f2 = f / 2;
        StringColumn layer = StringColumn.create("layer");
        StringColumn kernel = StringColumn.create("kernel");
        StringColumn out = StringColumn.create("output (t x f x c)");
        LongColumn params = LongColumn.create("parameters");
        LongColumn macs = LongColumn.create("MACs per clip");
        // conv1: each of t*f*kept outputs reads 20*8 inputs (SAME padding: every position is computed).
        add(layer, kernel, out, params, macs, "conv1 + ReLU", "20x8, 1 -> " + kept, t + "x" + f + "x" + kept,
                20L * 8 * kept + kept, t * f * kept * 20L * 8);
        add(layer, kernel, out, params, macs, "max-pool", "2x2 / 2", t2 + "x" + f2 + "x" + kept, 0, 0);
        add(layer, kernel, out, params, macs, "conv2 + ReLU", "10x4, " + kept + " -> " + c, t2 + "x" + f2 + "x" + c,
                10L * 4 * kept * c + c, t2 * f2 * c * 10L * 4 * kept);
        add(layer, kernel, out, params, macs, "fully connected", (t2 * f2 * c) + " -> 12", "12",
                t2 * f2 * c * 12 + 12, t2 * f2 * c * 12);
        long p = 0;
        long m = 0;
        for (int i = 0; i < params.size(); i++) {
            p += params.get(i);
            m += macs.get(i);
        }
        add(layer, kernel, out, params, macs, "total", "", "", p, m);
        return Table.create(kept == c ? "Keyword CNN (Fig. 1)" : "Keyword CNN with " + kept + " of " + c + " channels",
                layer, kernel, out, params, macs);
    }

    private static void add(StringColumn l, StringColumn k, StringColumn o, LongColumn p, LongColumn m,
                            String a, String b, String c, long d, long e) {
        l.append(a);
        k.append(b);
        o.append(c);
        p.append(d);
        m.append(e);
    }

}
