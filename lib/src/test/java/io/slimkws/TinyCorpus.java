package io.slimkws;

import io.slimkws.audio.Wav;
import io.slimkws.data.Labels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A tiny full-layout corpus written by tests: each keyword and one unknown word ("cat") said by six
 * "speakers" as a class-specific tone in noise; speaker s4 is listed for validation, s5 for
 * testing; two seconds of background noise.
 */
public final class TinyCorpus {
    private TinyCorpus() {}

    public static Path write(Path root) throws IOException {
        Random r = new Random(11);
        List<String> val = new ArrayList<>();
        List<String> test = new ArrayList<>();
        List<String> words = new ArrayList<>(Labels.KEYWORDS);
        words.add("cat");
        for (int w = 0; w < words.size(); w++) {
            Path dir = root.resolve(words.get(w));
            Files.createDirectories(dir);
            for (int s = 0; s < 6; s++) {
                String name = "s" + s + "aaaa_nohash_0.wav";
                short[] pcm = new short[Wav.CLIP_SAMPLES];
                double f = 200 + 150 * w;
                for (int i = 0; i < pcm.length; i++) {
                    pcm[i] =
                            (short)
                                    (8000 * Math.sin(2 * Math.PI * f * i / 16000)
                                            + 500 * r.nextGaussian());
                }
                Wav.write(dir.resolve(name), pcm);
                if (s == 4) {
                    val.add(words.get(w) + "/" + name);
                } else if (s == 5) {
                    test.add(words.get(w) + "/" + name);
                }
            }
        }
        Path noise = root.resolve("_background_noise_");
        Files.createDirectories(noise);
        short[] n = new short[2 * Wav.CLIP_SAMPLES];
        for (int i = 0; i < n.length; i++) {
            n[i] = (short) (3000 * r.nextGaussian());
        }
        Wav.write(noise.resolve("noise.wav"), n);
        Files.write(root.resolve("validation_list.txt"), val);
        Files.write(root.resolve("testing_list.txt"), test);
        return root;
    }
}
