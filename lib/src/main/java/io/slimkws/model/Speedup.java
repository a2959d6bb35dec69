package io.slimkws.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Inference cost of the dense, masked and physically pruned networks, measured in one run
 * (interleaved rounds, the median of each round), as ratios: latency at batch 1, throughput at
 * batch 100. Across rounds the best round counts (as Python's timeit advises): on these shared
 * 2-core hosts a single forward pass of one clip takes 1-4 ms and the scheduler's noise only ever
 * adds time, so a median over rounds flipped the latency ratio between runs of the same notebook.
 */
public final class Speedup {
    private Speedup() {}

    public record Timing(String network, double latencyMs, double throughput) {}

    public static double medianMillis(MultiLayerNetwork net, INDArray x, int reps) {
        double[] t = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            net.output(x, false);
            t[r] = (System.nanoTime() - t0) / 1e6;
        }
        return median(t);
    }

    /** The upper median (the middle element after sorting; the array is left as it was). */
    public static double median(double[] a) {
        double[] c = a.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    /**
     * Times the three networks in interleaved rounds so that drift in machine load hits all alike.
     */
    public static Table measure(
            MultiLayerNetwork dense,
            MultiLayerNetwork masked,
            MultiLayerNetwork pruned,
            int rounds,
            int reps) {
        MultiLayerNetwork[] nets = {dense, masked, pruned};
        String[] names = {
            "dense (64 channels)",
            "masked (Fig. 5: zeroed channels)",
            "physically pruned (" + pruned.getLayer(0).getParam("W").size(0) + " channels)"
        };
        INDArray one = Nd4j.randn(DataType.FLOAT, 1, 1, KwsCnn.FRAMES, KwsCnn.COEFFS);
        INDArray hundred = Nd4j.randn(DataType.FLOAT, 100, 1, KwsCnn.FRAMES, KwsCnn.COEFFS);
        for (MultiLayerNetwork n : nets) { // warm-up
            n.output(one, false);
            n.output(hundred, false);
        }
        double[][] lat = new double[3][rounds];
        double[][] thr = new double[3][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < 3; i++) {
                lat[i][r] = medianMillis(nets[i], one, reps);
                thr[i][r] = 100 / (medianMillis(nets[i], hundred, Math.max(1, reps / 5)) / 1000);
            }
        }
        StringColumn name = StringColumn.create("network");
        DoubleColumn l = DoubleColumn.create("latency, batch 1 (ms)");
        DoubleColumn t = DoubleColumn.create("throughput, batch 100 (clips/s)");
        DoubleColumn lr = DoubleColumn.create("latency / dense");
        DoubleColumn tr = DoubleColumn.create("throughput / dense");
        DoubleColumn lo = DoubleColumn.create(LOWEST);
        DoubleColumn hi = DoubleColumn.create(HIGHEST);
        double l0 = min(lat[0]);
        double t0 = max(thr[0]);
        for (int i = 0; i < 3; i++) {
            name.append(names[i]);
            l.append(min(lat[i]));
            t.append(max(thr[i]));
            lr.append(min(lat[i]) / l0);
            tr.append(max(thr[i]) / t0);
            double[] range = savingRange(lat[0], lat[i]);
            lo.append(range[0]);
            hi.append(range[1]);
        }
        return Table.create(
                "Inference cost, measured here (" + rounds + " interleaved rounds)",
                name,
                l,
                t,
                lr,
                tr,
                lo,
                hi);
    }

    /**
     * Columns of {@link #measure}: the lowest and highest latency saving against dense within one
     * round, in %.
     */
    public static final String LOWEST = "less time than dense, lowest round %";

    public static final String HIGHEST = "less time than dense, highest round %";

    /**
     * The latency saving (%) of a network against dense, round by round (both timed in the same
     * round, so that drift in the machine's load cancels), as {lowest, highest} over the rounds:
     * the spread a single figure hides.
     */
    static double[] savingRange(double[] denseMs, double[] netMs) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < denseMs.length; r++) {
            double saving = 100 * (1 - netMs[r] / denseMs[r]);
            lo = Math.min(lo, saving);
            hi = Math.max(hi, saving);
        }
        return new double[] {lo, hi};
    }

    /**
     * The three networks timed: dense (the mask ignored), masked (zeros kept) and physically
     * pruned.
     */
    public record Networks(
            MultiLayerNetwork dense, MultiLayerNetwork masked, MultiLayerNetwork pruned) {}

    /**
     * The networks to time from a masked model: the same weights in a dense network (the timing
     * does not depend on values), the masked model itself, and the physically pruned one (the
     * masked one again when every channel is removed, as in a smoke run).
     */
    public static Networks networks(MultiLayerNetwork masked, ChannelMask mask) {
        MultiLayerNetwork dense = KwsCnn.build(1);
        dense.params().assign(masked.params());
        return new Networks(
                dense, masked, mask.keptCount() > 0 ? PrunedNetwork.of(masked, mask) : masked);
    }

    /** Rows of a table of {@link #measure}. */
    public static final int MASKED = 1;

    public static final int PRUNED = 2;

    /**
     * One network's saving against dense, read from a table of {@link #measure}: % less time at
     * batch 1 (from the medians, and the lowest and highest round), % more clips/s at the
     * throughput batch.
     */
    public record Saving(
            double lessTime, double lowestRound, double highestRound, double moreThroughput) {}

    public static Saving saving(Table timing, int row) {
        return new Saving(
                100 * (1 - timing.numberColumn("latency / dense").getDouble(row)),
                timing.numberColumn(LOWEST).getDouble(row),
                timing.numberColumn(HIGHEST).getDouble(row),
                100 * (timing.numberColumn("throughput / dense").getDouble(row) - 1));
    }

    /**
     * The paper's speed-up beside ours, from a table of {@link #measure} (rows dense, masked,
     * pruned).
     */
    public static Table claim(Table timing, double paperPercent) {
        Saving pruned = saving(timing, PRUNED);
        Saving masked = saving(timing, MASKED);
        return Table.create(
                "Speed-up of the pruned float network",
                StringColumn.create(
                        "",
                        "paper (MacBook Air, TF CPU)",
                        "ours: physically pruned, latency",
                        "ours: physically pruned, throughput",
                        "ours: masked only, latency"),
                StringColumn.create(
                        "speed-up",
                        paperPercent + " %",
                        String.format(
                                "%.2f %% less time (rounds: %.1f to %.1f %%)",
                                pruned.lessTime(), pruned.lowestRound(), pruned.highestRound()),
                        String.format("%.2f %% more clips/s", pruned.moreThroughput()),
                        String.format(
                                "%.2f %% less time (rounds: %.1f to %.1f %%)",
                                masked.lessTime(), masked.lowestRound(), masked.highestRound())));
    }

    /** A table written by {@code measure} through TableView (its CSV), read back. */
    public static Table read(Path csv) {
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException(
                    "no timing table at " + csv + " (written by notebook 08)");
        }
        Table t = Table.read().csv(csv.toFile());
        for (String c : new String[] {"latency / dense", "throughput / dense", LOWEST, HIGHEST}) {
            if (!t.columnNames().contains(c)) {
                throw new IllegalArgumentException(
                        csv
                                + " has no column '"
                                + c
                                + "' (written by an older notebook 08): run notebook 08 again");
            }
        }
        return t;
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }

    static double max(double[] v) {
        return Arrays.stream(v).max().orElseThrow();
    }

    /**
     * Model sizes in bytes: float32 dense, float32 pruned, binarised (1 bit per weight, float
     * scales and biases).
     */
    public static Table sizes(ChannelMask mask) {
        int k = mask.keptCount();
        long[] w = KwsCnn.ARCH.weights(k);
        long[] b = KwsCnn.ARCH.biases(k);
        long denseParams = KwsCnn.ARCH.parameters(KwsCnn.CHANNELS);
        long prunedW = w[0] + w[1] + w[2];
        long prunedB = b[0] + b[1] + b[2];
        StringColumn name = StringColumn.create("model");
        DoubleColumn kb = DoubleColumn.create("size (KiB)");
        DoubleColumn ratio = DoubleColumn.create("size / dense float");
        double dense = denseParams * 4 / 1024.0;
        double pruned = (prunedW + prunedB) * 4 / 1024.0;
        double binary =
                (Math.ceil(prunedW / 8.0) + 3 * 4 + prunedB * 4)
                        / 1024.0; // bits, 3 layer scales, float biases
        name.append("dense, float32")
                .append("channel-pruned (" + k + " of 64), float32")
                .append("channel-pruned, binary weights bit-packed");
        kb.append(dense).append(pruned).append(binary);
        ratio.append(1.0).append(pruned / dense).append(binary / dense);
        return Table.create("Model sizes", name, kb, ratio);
    }
}
