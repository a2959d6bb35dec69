package io.slimkws.stream;

import io.slimkws.audio.Wav;
import io.slimkws.data.Clip;
import io.slimkws.data.Labels;
import io.slimkws.data.NoiseBank;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A long recording for the streaming benchmark, built as TensorFlow's {@code
 * generate_streaming_test_wav} builds one: one-second clips of known words laid one after another
 * with gaps, over background noise from the dataset's {@code _background_noise_} at a fixed volume.
 * The truth is each word's label and where its clip starts and ends.
 */
public final class LongRecording {
    /** A spoken word: its label (a keyword or {@code _unknown_}), its clip and its place. */
    public record Word(String label, Path file, long startMs) {
        /** The clip's end: the first moment the whole word has been heard. */
        public long endMs() {
            return startMs + 1000L * Wav.CLIP_SAMPLES / Wav.SAMPLE_RATE;
        }

        public boolean isKeyword() {
            return Labels.KEYWORDS.contains(label);
        }
    }

    /** How the words are laid out: the background's volume and the gap between clips. */
    public record Layout(double backgroundVolume, long minGapMs, long maxGapMs) {
        /**
         * The background at 0.1 (the recipe's mixing volume, as TensorFlow's generator uses it) and
         * 3-4 s between clips. The gaps are wider than TensorFlow's 2 s because the recogniser's
         * refractory period restarts when it settles back to silence, at the earliest 1.5 s after a
         * detection: a keyword spoken less than about 3.3 s after the previous one can be hidden by
         * it (StreamingChainTest).
         */
        public static final Layout DEFAULT = new Layout(0.1, 3000, 4000);

        public Layout {
            if (!(backgroundVolume >= 0 && backgroundVolume <= 1)) {
                throw new IllegalArgumentException(
                        "backgroundVolume must be in [0, 1], got " + backgroundVolume);
            }
            if (minGapMs < 0 || maxGapMs < minGapMs) {
                throw new IllegalArgumentException(
                        "gaps need 0 <= minGapMs <= maxGapMs, got " + minGapMs + ", " + maxGapMs);
            }
        }
    }

    private final float[] samples;
    private final List<Word> words;

    private LongRecording(float[] samples, List<Word> words) {
        this.samples = samples;
        this.words = List.copyOf(words);
    }

    /**
     * The given clips (silence left out: it is what the background already is) in an order drawn
     * from {@code seed}, each after a gap drawn uniformly from the layout's range, over the noise
     * recordings laid end to end in a drawn order (repeated when the recording is longer). A clip
     * that cannot be read stops the build naming the file: a word never silently vanishes.
     */
    public static LongRecording build(List<Clip> clips, NoiseBank noise, Layout layout, long seed)
            throws IOException {
        Random rng = new Random(seed);
        List<Clip> spoken = new ArrayList<>();
        for (Clip c : clips) {
            if (c.label() != Labels.SILENCE_INDEX && !c.isGeneratedSilence()) {
                spoken.add(c);
            }
        }
        if (spoken.isEmpty()) {
            throw new IllegalArgumentException(
                    "a streaming recording needs spoken clips (keywords or unknown words), got "
                            + clips.size()
                            + " clip(s) of silence only");
        }
        Collections.shuffle(spoken, rng);
        List<Word> words = new ArrayList<>();
        long t = layout.maxGapMs();
        for (Clip c : spoken) {
            t +=
                    layout.minGapMs()
                            + (long) (rng.nextDouble() * (layout.maxGapMs() - layout.minGapMs()));
            Word w = new Word(Labels.name(c.label()), c.file(), t);
            words.add(w);
            t = w.endMs();
        }
        t += layout.maxGapMs();
        float[] x = new float[(int) (t * Wav.SAMPLE_RATE / 1000)];
        background(noise, layout.backgroundVolume(), rng, x);
        for (Word w : words) {
            float[] clip;
            try {
                clip = Wav.readClip(w.file());
            } catch (IOException e) {
                throw new IOException(
                        w.file()
                                + ": cannot be laid into the streaming recording: "
                                + e.getMessage(),
                        e);
            }
            int at = (int) (w.startMs() * Wav.SAMPLE_RATE / 1000);
            for (int i = 0; i < clip.length; i++) {
                x[at + i] = Math.max(-1f, Math.min(1f, x[at + i] + clip[i]));
            }
        }
        return new LongRecording(x, words);
    }

    private static void background(NoiseBank noise, double volume, Random rng, float[] x) {
        if (volume == 0) {
            return;
        }
        if (noise.isEmpty()) {
            throw new IllegalStateException(
                    "no background noise recordings: the corpus has no _background_noise_ folder"
                            + " (or pass a layout with backgroundVolume 0)");
        }
        List<Integer> order = new ArrayList<>();
        int filled = 0;
        while (filled < x.length) {
            if (order.isEmpty()) {
                for (int i = 0; i < noise.size(); i++) {
                    order.add(i);
                }
                Collections.shuffle(order, rng);
            }
            float[] r = noise.recording(order.remove(0));
            int n = Math.min(r.length, x.length - filled);
            for (int i = 0; i < n; i++) {
                x[filled + i] = (float) (volume * r[i]);
            }
            filled += n;
        }
    }

    /** The samples, scaled to [-1, 1]. */
    public float[] samples() {
        return samples;
    }

    public List<Word> words() {
        return words;
    }

    public long keywords() {
        return words.stream().filter(Word::isKeyword).count();
    }

    public double seconds() {
        return samples.length / (double) Wav.SAMPLE_RATE;
    }

    /**
     * The recording as 16 kHz mono 16-bit PCM, and its truth beside it as CSV (label,start,end).
     */
    public void write(Path wav, Path truthCsv) throws IOException {
        short[] pcm = new short[samples.length];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.max(-32768, Math.min(32767, Math.round(samples[i] * 32768.0)));
        }
        Wav.write(wav, pcm);
        StringBuilder csv = new StringBuilder("label,start_ms,end_ms,file\n");
        for (Word w : words) {
            csv.append(w.label())
                    .append(',')
                    .append(w.startMs())
                    .append(',')
                    .append(w.endMs())
                    .append(',')
                    .append(w.file().getFileName())
                    .append('\n');
        }
        Files.writeString(truthCsv, csv, StandardCharsets.UTF_8);
    }
}
