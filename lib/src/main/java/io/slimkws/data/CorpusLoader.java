package io.slimkws.data;

import io.slimkws.audio.Wav;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

/**
 * Reads a Speech Commands folder of either {@link Layout} into a {@link Corpus}.
 *
 * <p>Every WAV is opened and checked. A file that is not 16-bit mono 16 kHz PCM is listed in {@link
 * Corpus#badFiles()} with its problem and left out of the clips; with {@code strict} the load fails
 * instead, naming every bad file at once.
 *
 * <p>Full dataset: keywords are the ten recipe words; every other word is an unknown candidate. The
 * split comes from validation_list.txt / testing_list.txt when present, else from {@link
 * SpeakerHash#recipeSplit}. Per split, unknown and silence examples each number 10 % of the keyword
 * examples (rounded up), unknowns drawn at random (seeded), silence made from background noise.
 * Test-set layout: the clips as they are, split by {@link SpeakerHash#miniSplit}.
 */
public final class CorpusLoader {
    public static final String NOISE_DIR = "_background_noise_";
    public static final double SILENCE_PERCENT = 10;
    public static final double UNKNOWN_PERCENT = 10;

    private boolean strict;
    private long seed = 59185; // the recipe's RANDOM_SEED

    public static CorpusLoader of() {
        return new CorpusLoader();
    }

    /** Fail the load if any file is bad (default: report them and go on). */
    public CorpusLoader strict(boolean strict) {
        this.strict = strict;
        return this;
    }

    public CorpusLoader seed(long seed) {
        this.seed = seed;
        return this;
    }

    public Corpus load(Path root) throws IOException {
        root = root.toAbsolutePath().normalize();
        Layout layout = Layout.detect(root);
        List<BadFile> bad = new ArrayList<>();
        List<Path> noise = noiseFiles(root, bad);
        Corpus c =
                layout == Layout.TEST_SET
                        ? loadTestSet(root, noise, bad)
                        : loadFull(root, noise, bad);
        if (strict && !c.badFiles().isEmpty()) {
            StringBuilder b =
                    new StringBuilder(c.badFiles().size() + " bad file(s) in " + root + ":");
            c.badFiles().forEach(x -> b.append("\n  ").append(x));
            throw new IOException(b.toString());
        }
        return c;
    }

    private Corpus loadTestSet(Path root, List<Path> noise, List<BadFile> bad) throws IOException {
        List<Clip> clips = new ArrayList<>();
        for (String label : Labels.ALL) {
            Path dir = root.resolve(label);
            if (!Files.isDirectory(dir)) {
                throw new IOException("test-set layout but folder " + dir + " is missing");
            }
            List<Path> files = wavs(dir);
            if (files.isEmpty()) {
                bad.add(
                        new BadFile(
                                dir,
                                "no .wav files in this class folder: label '"
                                        + label
                                        + "' has no clips in any split"));
            }
            for (Path f : checked(files, bad)) {
                String name = f.getFileName().toString();
                String word =
                        label.equals(Labels.UNKNOWN) && name.contains("_")
                                ? name.substring(0, name.indexOf('_'))
                                : label;
                clips.add(
                        new Clip(
                                f,
                                Labels.index(label),
                                word,
                                SpeakerHash.speaker(name),
                                SpeakerHash.miniSplit(name)));
            }
        }
        return new Corpus(
                root,
                Layout.TEST_SET,
                "speaker hash stretched from the testing band, p' = 10(p - 10)",
                clips,
                noise,
                bad);
    }

    private Corpus loadFull(Path root, List<Path> noise, List<BadFile> bad) throws IOException {
        Set<String> validation = list(root.resolve("validation_list.txt"));
        Set<String> testing = list(root.resolve("testing_list.txt"));
        boolean lists = validation != null && testing != null;
        List<Path> wordDirs;
        try (Stream<Path> s = Files.list(root)) {
            wordDirs =
                    s.filter(Files::isDirectory)
                            .filter(
                                    d ->
                                            !d.getFileName().toString().startsWith("_")
                                                    && !d.getFileName().toString().startsWith("."))
                            .sorted()
                            .toList();
        }
        List<Clip> keywords = new ArrayList<>();
        Map<Split, List<Clip>> unknownPool = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            unknownPool.put(s, new ArrayList<>());
        }
        for (Path dir : wordDirs) {
            String word = dir.getFileName().toString();
            boolean isKeyword = Labels.KEYWORDS.contains(word);
            for (Path f : checked(wavs(dir), bad)) {
                String name = f.getFileName().toString();
                String rel = word + "/" + name;
                Split split =
                        lists
                                ? (validation.contains(rel)
                                        ? Split.VALIDATION
                                        : testing.contains(rel) ? Split.TESTING : Split.TRAINING)
                                : SpeakerHash.recipeSplit(name);
                Clip c =
                        new Clip(
                                f,
                                isKeyword ? Labels.index(word) : Labels.UNKNOWN_INDEX,
                                word,
                                SpeakerHash.speaker(name),
                                split);
                (isKeyword ? keywords : unknownPool.get(split)).add(c);
            }
        }
        List<Clip> clips = new ArrayList<>(keywords);
        Random rnd = new Random(seed);
        for (Split s : Split.values()) {
            int kw = (int) keywords.stream().filter(c -> c.split() == s).count();
            int silence = (int) Math.ceil(kw * SILENCE_PERCENT / 100);
            int unknown = (int) Math.ceil(kw * UNKNOWN_PERCENT / 100);
            for (int i = 0; i < silence; i++) {
                clips.add(Clip.generatedSilence(s));
            }
            List<Clip> pool = unknownPool.get(s);
            Collections.shuffle(pool, rnd);
            clips.addAll(pool.subList(0, Math.min(unknown, pool.size())));
        }
        String rule =
                lists
                        ? "validation_list.txt / testing_list.txt"
                        : "speaker hash (SHA-1 mod 2^27), 80/10/10";
        return new Corpus(root, Layout.FULL, rule, clips, noise, bad);
    }

    private static Set<String> list(Path p) throws IOException {
        if (!Files.isRegularFile(p)) {
            return null;
        }
        Set<String> s = new HashSet<>();
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                s.add(line.trim());
            }
        }
        return s;
    }

    private static List<Path> noiseFiles(Path root, List<BadFile> bad) throws IOException {
        Path dir = root.resolve(NOISE_DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> ok = new ArrayList<>();
        for (Path f : wavs(dir)) {
            try {
                short[] pcm = Wav.readPcm16(f);
                if (pcm.length < Wav.CLIP_SAMPLES) {
                    bad.add(
                            new BadFile(
                                    f,
                                    "background noise shorter than one second ("
                                            + pcm.length
                                            + " samples)"));
                } else {
                    ok.add(f);
                }
            } catch (IOException e) {
                bad.add(new BadFile(f, problem(f, e)));
            }
        }
        return ok;
    }

    static List<Path> wavs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase().endsWith(".wav"))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
    }

    /**
     * Opens every file (in parallel); returns the good ones in order and adds the rest to {@code
     * bad}.
     */
    private static List<Path> checked(List<Path> files, List<BadFile> bad) {
        ConcurrentLinkedQueue<BadFile> found = new ConcurrentLinkedQueue<>();
        Set<Path> failed = ConcurrentHashMap.newKeySet();
        files.parallelStream()
                .forEach(
                        f -> {
                            try {
                                Wav.readPcm16(f);
                            } catch (IOException e) {
                                found.add(new BadFile(f, problem(f, e)));
                                failed.add(f);
                            }
                        });
        List<BadFile> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparing(b -> b.file().toString()));
        bad.addAll(sorted);
        return files.stream().filter(f -> !failed.contains(f)).toList();
    }

    static String problem(Path f, IOException e) {
        // java.nio's exceptions carry only the path as their message: say what went wrong instead.
        if (e instanceof AccessDeniedException) {
            return "cannot be read: permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "disappeared while the corpus was loading";
        }
        if (e instanceof FileSystemException fse) {
            return "cannot be read: "
                    + (fse.getReason() != null ? fse.getReason() : e.getClass().getSimpleName());
        }
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        String prefix = f + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }
}
