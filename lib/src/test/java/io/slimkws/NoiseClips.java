package io.slimkws;

import io.slimkws.audio.Wav;
import io.slimkws.data.Clip;
import io.slimkws.data.Split;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntUnaryOperator;

/**
 * Training clips of Gaussian noise written by tests: clip i is "c{i}.wav", speaker "s{i}", label
 * labelOf(i).
 */
public final class NoiseClips {
    private NoiseClips() {}

    public static List<Clip> write(Path dir, int n, long seed, IntUnaryOperator labelOf)
            throws IOException {
        Random r = new Random(seed);
        List<Clip> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            short[] pcm = new short[Wav.CLIP_SAMPLES];
            for (int k = 0; k < pcm.length; k++) {
                pcm[k] = (short) (r.nextGaussian() * 3000);
            }
            Path f = dir.resolve("c" + i + ".wav");
            Wav.write(f, pcm);
            l.add(new Clip(f, labelOf.applyAsInt(i), "w", "s" + i, Split.TRAINING));
        }
        return l;
    }
}
