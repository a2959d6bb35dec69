package io.slimkws.paper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Disjoint slices of the paper's runs for several machines (or processes) sharing one runs/ folder.
 * The unit is a warm-start chain, under one seed: a run that no other run starts from (the
 * original, GL, GSBC, each Stage III) together with the runs it starts from, so that no shard
 * waits for a run another shard trains. Chains are dealt out longest first, each to the shard
 * with the fewest training samples so far; the same inputs always give the same slices.
 */
public final class Shards {
    /** One chain: the run that ends it (training it trains the chain) under one seed, and its samples. */
    public record Chain(Experiments seed, PaperRun last, long samples) {
        public String name() {
            return seed.spec(last).name();
        }
    }

    private Shards() {
    }

    /** The runs no other run starts from, in table order. */
    static List<PaperRun> chainEnds() {
        List<PaperRun> ends = new ArrayList<>();
        for (PaperRun r : PaperRun.values()) {
            boolean startsAnother = false;
            for (PaperRun o : PaperRun.values()) {
                startsAnother |= o.warmFrom == r;
            }
            if (!startsAnother) {
                ends.add(r);
            }
        }
        return ends;
    }

    /** Training samples of a chain: its run and every run it starts from. */
    static long samples(Experiments e, PaperRun last) {
        long s = 0;
        for (PaperRun r = last; r != null; r = r.warmFrom) {
            s += e.spec(r).schedule().samples();
        }
        return s;
    }

    /** The n slices of every chain under every seed; slice i (0-based) is what shard i + 1 of n trains. */
    public static List<List<Chain>> of(List<Experiments> seeds, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("--shard I/N needs N of at least 1, got " + n);
        }
        List<Chain> all = new ArrayList<>();
        for (Experiments e : seeds) {
            for (PaperRun end : chainEnds()) {
                all.add(new Chain(e, end, samples(e, end)));
            }
        }
        all.sort(Comparator.comparingLong(Chain::samples).reversed().thenComparing(Chain::name));
        List<List<Chain>> shards = new ArrayList<>();
        long[] load = new long[n];
        for (int i = 0; i < n; i++) {
            shards.add(new ArrayList<>());
        }
        for (Chain c : all) {
            int least = 0;
            for (int i = 1; i < n; i++) {
                if (load[i] < load[least]) {
                    least = i;
                }
            }
            shards.get(least).add(c);
            load[least] += c.samples();
        }
        return shards;
    }

    /** "I/N" (1-based I) as {I, N}, or an error naming the option and what was expected. */
    public static int[] parse(String spec) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([1-9][0-9]*)/([1-9][0-9]*)").matcher(spec);
        if (!m.matches() || Integer.parseInt(m.group(1)) > Integer.parseInt(m.group(2))) {
            throw new IllegalArgumentException("--shard needs I/N with 1 <= I <= N (e.g. 2/4), got '" + spec + "'");
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }
}
