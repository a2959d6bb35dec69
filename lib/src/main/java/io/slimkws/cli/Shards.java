package io.slimkws.cli;

import io.slimkws.paper.Experiments;
import io.slimkws.paper.PaperRun;
import io.slimkws.paper.RunDefinition;
import io.slimkws.study.Beyond;
import io.slimkws.study.StudyRuns;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Disjoint slices of the runs for several machines (or processes) sharing one runs/ folder. The
 * unit is one that never waits for a run another shard trains:
 *
 * <ul>
 *   <li>a warm-start chain of the paper under one seed: a run that no other run starts from (the
 *       original, GL, GSBC, each Stage III) together with the runs it starts from;
 *   <li>with the study beyond the paper, one penalty family (seed 1): its Stage-I sweep and then
 *       its best run through Stages II and III (the best is chosen from the family's own sweep
 *       only).
 * </ul>
 *
 * Units are dealt out longest first, each to the shard with the fewest training samples so far, and
 * then a unit is moved, or two are swapped, between the busiest shard and another while that lowers
 * the busiest shard's load (longest-first alone leaves 675 k against 480 k samples for the study's
 * five families on two shards, where 585 k against 570 k exists). The same inputs always give the
 * same slices: a slice never depends on what is cached, so shards started at different times agree.
 */
public final class Shards {
    /** What a unit trains. */
    @FunctionalInterface
    public interface Training {
        void train() throws IOException;
    }

    /** One unit: a name for the log, its training samples, and how to train it. */
    public record Unit(String name, long samples, Training training) {}

    private Shards() {}

    /** The runs no other run starts from, in table order. */
    static List<RunDefinition> chainEnds() {
        List<RunDefinition> ends = new ArrayList<>();
        for (RunDefinition r : PaperRun.ALL) {
            boolean startsAnother = false;
            for (RunDefinition o : PaperRun.ALL) {
                startsAnother |= o.warmFrom() == r;
            }
            if (!startsAnother) {
                ends.add(r);
            }
        }
        return ends;
    }

    /** Training samples of a chain: its run and every run it starts from. */
    static long samples(Experiments e, RunDefinition last) {
        long s = 0;
        for (RunDefinition r = last; r != null; r = r.warmFrom()) {
            s += e.spec(r).schedule().samples();
        }
        return s;
    }

    /**
     * The paper's warm-start chains under every seed; after the first seed, each chain only as far
     * as it repeats (--seeds-for): its last run that repeats, with the runs before it.
     */
    static List<Unit> paperChains(List<Experiments> seeds) {
        List<Unit> units = new ArrayList<>();
        for (Experiments e : seeds) {
            for (RunDefinition end : chainEnds()) {
                RunDefinition last = end;
                while (last != null && !e.trains(last)) {
                    last = last.warmFrom();
                }
                if (last != null) {
                    RunDefinition run = last;
                    units.add(new Unit(e.spec(run).name(), samples(e, run), () -> e.run(run)));
                }
            }
        }
        return units;
    }

    /**
     * The study beyond the paper, one unit per penalty family: its sweep, then its best through
     * Stages II and III.
     */
    static List<Unit> beyondFamilies(Experiments e) {
        List<Unit> units = new ArrayList<>();
        for (String f : StudyRuns.families()) {
            long s = 0;
            RunDefinition any = null;
            for (RunDefinition b : StudyRuns.SWEEP) {
                if (StudyRuns.family(b).equals(f)) {
                    s += e.spec(b).schedule().samples();
                    any = b;
                }
            }
            // Every run of a family has the same Stage II and III schedule, whichever turns out
            // best.
            s +=
                    e.spec(StudyRuns.stage2(any)).schedule().samples()
                            + e.spec(StudyRuns.stage3(any)).schedule().samples();
            units.add(new Unit("beyond: " + f, s, () -> Beyond.trainFamily(e, f)));
        }
        return units;
    }

    /**
     * The study beyond the paper alone: its families, and the paper's runs it reads ({@link
     * Beyond#REFERENCES}, each a unit with the runs it starts from), under the first seed.
     */
    public static List<List<Unit>> study(List<Experiments> seeds, int n) {
        Experiments e = seeds.get(0);
        List<Unit> references = new ArrayList<>();
        for (RunDefinition r : Beyond.REFERENCES) {
            references.add(new Unit(e.spec(r).name(), samples(e, r), () -> e.run(r)));
        }
        // The families are balanced among themselves first and the references dealt on top: the
        // references are paper runs that ./reproduce all has usually trained already, and the
        // slices should be even whether or not they are cached.
        List<List<Unit>> shards = of(beyondFamilies(e), n);
        deal(shards, references);
        return shards;
    }

    /** The n slices of the given units; slice i (0-based) is what shard i + 1 of n trains. */
    public static List<List<Unit>> of(List<Unit> units, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("--shard I/N needs N of at least 1, got " + n);
        }
        List<List<Unit>> shards = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            shards.add(new ArrayList<>());
        }
        deal(shards, units);
        while (improve(shards)) {
            // each pass lowers the busiest shard's load or the number of shards at that load
        }
        return shards;
    }

    /** Deals the units onto the shards longest first, each to the least loaded shard. */
    static void deal(List<List<Unit>> shards, List<Unit> units) {
        List<Unit> all = new ArrayList<>(units);
        all.sort(Comparator.comparingLong(Unit::samples).reversed().thenComparing(Unit::name));
        for (Unit u : all) {
            int least = 0;
            for (int i = 1; i < shards.size(); i++) {
                if (load(shards.get(i)) < load(shards.get(least))) {
                    least = i;
                }
            }
            shards.get(least).add(u);
        }
    }

    static long load(List<Unit> shard) {
        return shard.stream().mapToLong(Unit::samples).sum();
    }

    /**
     * One move of a unit, or swap of two, between the busiest shard and another that leaves both
     * below the busiest shard's load; false when there is none. The first such change in shard and
     * unit order is made, so the result is deterministic.
     */
    static boolean improve(List<List<Unit>> shards) {
        int busiest = 0;
        for (int i = 1; i < shards.size(); i++) {
            if (load(shards.get(i)) > load(shards.get(busiest))) {
                busiest = i;
            }
        }
        List<Unit> from = shards.get(busiest);
        long max = load(from);
        for (int j = 0; j < shards.size(); j++) {
            List<Unit> to = shards.get(j);
            if (j == busiest) {
                continue;
            }
            long other = load(to);
            for (int a = 0; a < from.size(); a++) {
                long ua = from.get(a).samples();
                if (other + ua < max) {
                    to.add(from.remove(a));
                    return true;
                }
                for (int b = 0; b < to.size(); b++) {
                    long ub = to.get(b).samples();
                    if (ub < ua && other + ua - ub < max) {
                        Unit x = from.get(a);
                        from.set(a, to.get(b));
                        to.set(b, x);
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The n slices of the paper's chains under every seed and, when {@code withBeyond}, of the
     * study beyond the paper (its families, under the first seed: the study is a one-seed study).
     */
    public static List<List<Unit>> of(List<Experiments> seeds, int n, boolean withBeyond) {
        List<Unit> units = new ArrayList<>(paperChains(seeds));
        if (withBeyond) {
            units.addAll(beyondFamilies(seeds.get(0)));
        }
        return of(units, n);
    }

    /** "I/N" (1-based I) as {I, N}, or an error naming the option and what was expected. */
    public static int[] parse(String spec) {
        Matcher m = Pattern.compile("([1-9][0-9]*)/([1-9][0-9]*)").matcher(spec);
        if (!m.matches() || Integer.parseInt(m.group(1)) > Integer.parseInt(m.group(2))) {
            throw new IllegalArgumentException(
                    "--shard needs I/N with 1 <= I <= N (e.g. 2/4), got '" + spec + "'");
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }
}
