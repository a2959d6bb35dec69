package io.slimkws.model;

import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The model summary of Fig. 1: per layer its kernel, output shape, parameters and
 * multiply-accumulates per clip, for the full network or with only {@code kept} of conv2's input
 * channels (and conv1's matching filters) left.
 */
public final class ModelSummary {
    private ModelSummary() {}

    public static Table table(int kept) {
        Architecture a = KwsCnn.ARCH;
        int c = a.conv2().out();
        long t = a.frames();
        long f = a.coeffs();
        long[] w = a.weights(kept);
        long[] b = a.biases(kept);
        long[] mac = a.macs(kept);
        StringColumn layer = StringColumn.create("layer");
        StringColumn kernel = StringColumn.create("kernel");
        StringColumn out = StringColumn.create("output (t x f x c)");
        LongColumn params = LongColumn.create("parameters");
        LongColumn macs = LongColumn.create("MACs per clip");
        add(
                layer,
                kernel,
                out,
                params,
                macs,
                a.conv1().name() + " + ReLU",
                a.conv1().kernel() + ", 1 -> " + kept,
                t + "x" + f + "x" + kept,
                w[0] + b[0],
                mac[0]);
        add(
                layer,
                kernel,
                out,
                params,
                macs,
                "max-pool",
                a.pool() + "x" + a.pool() + " / " + a.pool(),
                a.pooledFrames() + "x" + a.pooledCoeffs() + "x" + kept,
                0,
                0);
        add(
                layer,
                kernel,
                out,
                params,
                macs,
                a.conv2().name() + " + ReLU",
                a.conv2().kernel() + ", " + kept + " -> " + c,
                a.pooledFrames() + "x" + a.pooledCoeffs() + "x" + c,
                w[1] + b[1],
                mac[1]);
        add(
                layer,
                kernel,
                out,
                params,
                macs,
                "fully connected",
                a.fcInputs() + " -> " + a.classes(),
                String.valueOf(a.classes()),
                w[2] + b[2],
                mac[2]);
        long p = 0;
        long m = 0;
        for (int i = 0; i < params.size(); i++) {
            p += params.get(i);
            m += macs.get(i);
        }
        add(layer, kernel, out, params, macs, "total", "", "", p, m);
        return Table.create(
                kept == c
                        ? "Keyword CNN (Fig. 1)"
                        : "Keyword CNN with " + kept + " of " + c + " channels",
                layer,
                kernel,
                out,
                params,
                macs);
    }

    private static void add(
            StringColumn l,
            StringColumn k,
            StringColumn o,
            LongColumn p,
            LongColumn m,
            String a,
            String b,
            String c,
            long d,
            long e) {
        l.append(a);
        k.append(b);
        o.append(c);
        p.append(d);
        m.append(e);
    }
}
