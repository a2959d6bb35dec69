package io.slimkws.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A loaded Speech Commands corpus: its clips with labels and split, its background-noise
 * recordings, and every file that could not be used (never silently dropped).
 */
public final class Corpus {
    private final Path root;
    private final Layout layout;
    private final String splitRule;
    private final List<Clip> clips;
    private final List<Path> noiseFiles;
    private final List<BadFile> badFiles;

    Corpus(
            Path root,
            Layout layout,
            String splitRule,
            List<Clip> clips,
            List<Path> noiseFiles,
            List<BadFile> badFiles) {
        this.root = root;
        this.layout = layout;
        this.splitRule = splitRule;
        this.clips = List.copyOf(clips);
        this.noiseFiles = List.copyOf(noiseFiles);
        this.badFiles = List.copyOf(badFiles);
    }

    public Path root() {
        return root;
    }

    public Layout layout() {
        return layout;
    }

    /** How the split was made, in words, for tables and provenance. */
    public String splitRule() {
        return splitRule;
    }

    public List<Clip> clips() {
        return clips;
    }

    public List<Clip> clips(Split split) {
        return clips.stream().filter(c -> c.split() == split).toList();
    }

    public List<Path> noiseFiles() {
        return noiseFiles;
    }

    public List<BadFile> badFiles() {
        return badFiles;
    }

    /**
     * At most {@code perLabel} clips of each label in each split (the first ones in file order),
     * for the smoke profile's seconds-long runs.
     */
    public Corpus limit(int perLabel) {
        Map<String, Integer> taken = new HashMap<>();
        List<Clip> kept = new ArrayList<>();
        for (Clip c : clips) {
            String k = c.split() + "/" + c.label();
            int n = taken.merge(k, 1, Integer::sum);
            if (n <= perLabel) {
                kept.add(c);
            }
        }
        return new Corpus(
                root,
                layout,
                splitRule + ", at most " + perLabel + " per label and split",
                kept,
                noiseFiles,
                badFiles);
    }

    /**
     * A digest of what the corpus holds: every clip's path relative to the root, size, label and
     * split (and the noise files). Machine-independent, so runs can be compared across clones.
     */
    public String fingerprint() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Clip c : clips) {
                String id =
                        c.isGeneratedSilence()
                                ? "silence"
                                : root.relativize(c.file()) + "|" + Files.size(c.file());
                md.update(
                        (id + "|" + c.label() + "|" + c.split() + "\n")
                                .getBytes(StandardCharsets.UTF_8));
            }
            for (Path f : noiseFiles) {
                md.update(
                        (root.relativize(f) + "|" + Files.size(f) + "\n")
                                .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fingerprint " + root, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Distinct speakers of a split. */
    public Set<String> speakers(Split split) {
        Set<String> s = new TreeSet<>();
        for (Clip c : clips) {
            if (c.split() == split && c.speaker() != null) {
                s.add(c.speaker());
            }
        }
        return Collections.unmodifiableSet(s);
    }

    /**
     * How the speakers fall: all of them, those whose hash lies in the recipe's testing band [10,
     * 20), those in more than one split.
     */
    public record SpeakerSummary(int speakers, int inTestingBand, int crossingSplits) {}

    /** The speaker facts the split must satisfy (no speaker in two splits). */
    public SpeakerSummary speakerSummary() {
        Map<String, EnumSet<Split>> splits = new TreeMap<>();
        for (Clip c : clips) {
            if (c.speaker() != null) {
                splits.computeIfAbsent(c.speaker(), k -> EnumSet.noneOf(Split.class))
                        .add(c.split());
            }
        }
        int band =
                (int)
                        splits.keySet().stream()
                                .mapToDouble(SpeakerHash::percentage)
                                .filter(p -> p >= 10 && p < 20)
                                .count();
        int crossing = (int) splits.values().stream().filter(x -> x.size() > 1).count();
        return new SpeakerSummary(splits.size(), band, crossing);
    }

    /** Clips per label and split, with totals and speaker counts: the split as a table. */
    public Table splitTable() {
        Map<Split, int[]> counts = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            counts.put(s, new int[Labels.COUNT]);
        }
        for (Clip c : clips) {
            counts.get(c.split())[c.label()]++;
        }
        StringColumn label = StringColumn.create("label");
        List<IntColumn> cols = new ArrayList<>();
        for (Split s : Split.values()) {
            cols.add(IntColumn.create(s.id()));
        }
        IntColumn total = IntColumn.create("total");
        for (int l = 0; l < Labels.COUNT; l++) {
            label.append(Labels.name(l));
            int t = 0;
            for (Split s : Split.values()) {
                int n = counts.get(s)[l];
                cols.get(s.ordinal()).append(n);
                t += n;
            }
            total.append(t);
        }
        label.append("all clips");
        label.append("speakers");
        int all = 0;
        for (Split s : Split.values()) {
            int n = (int) clips.stream().filter(c -> c.split() == s).count();
            cols.get(s.ordinal()).append(n);
            all += n;
        }
        total.append(all);
        int allSpeakers = 0;
        for (Split s : Split.values()) {
            int n = speakers(s).size();
            cols.get(s.ordinal()).append(n);
            allSpeakers += n;
        }
        total.append(allSpeakers);
        Table t = Table.create("Split of " + root.getFileName() + " (" + splitRule + ")");
        t.addColumns(label);
        cols.forEach(t::addColumns);
        t.addColumns(total);
        return t;
    }

    /** Every unusable file, by name, with the reason. */
    public Table badFileTable() {
        StringColumn f = StringColumn.create("file");
        StringColumn p = StringColumn.create("problem");
        for (BadFile b : badFiles) {
            f.append(root.relativize(b.file()).toString());
            p.append(b.problem());
        }
        return Table.create(badFiles.size() + " unusable file(s)", f, p);
    }
}
