package io.slimkws.data;

import io.slimkws.audio.Wav;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The _background_noise_ recordings in memory, for mixing into clips and making silence. */
public final class NoiseBank {
    private final List<float[]> recordings;
    private final List<Path> files;

    private NoiseBank(List<Path> files, List<float[]> recordings) {
        this.files = List.copyOf(files);
        this.recordings = List.copyOf(recordings);
    }

    public static NoiseBank load(List<Path> files) throws IOException {
        List<float[]> r = new ArrayList<>();
        for (Path f : files) {
            r.add(Wav.readScaled(f));
        }
        return new NoiseBank(files, r);
    }

    public boolean isEmpty() {
        return recordings.isEmpty();
    }

    public List<Path> files() {
        return files;
    }

    public int size() {
        return recordings.size();
    }

    /** The i-th recording's samples (in the order of {@link #files()}), scaled to [-1, 1). */
    public float[] recording(int i) {
        return recordings.get(i);
    }

    /** Total length in seconds. */
    public double seconds() {
        return recordings.stream().mapToDouble(r -> r.length).sum() / Wav.SAMPLE_RATE;
    }

    /** A random one-second slice of a random recording, as the recipe draws it. */
    public void randomSlice(Random rng, float[] out) {
        if (recordings.isEmpty()) {
            throw new IllegalStateException(
                    "no background noise recordings: the corpus has no _background_noise_ folder");
        }
        float[] r = recordings.get(rng.nextInt(recordings.size()));
        int offset = rng.nextInt(r.length - out.length + 1);
        System.arraycopy(r, offset, out, 0, out.length);
    }
}
