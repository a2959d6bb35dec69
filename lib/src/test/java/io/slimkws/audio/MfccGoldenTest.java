package io.slimkws.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slimkws.TestData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * MFCC against the real TensorFlow ops. The golden file was written by
 * lib/src/test/python/make_mfcc_golden.py with tensorflow-cpu (decode_wav, AudioSpectrogram, Mfcc
 * with the recipe's parameters) for real clips of the v0.02 test set and synthetic signals.
 */
class MfccGoldenTest {
    static final double TOLERANCE = 1e-3;

    static JsonNode golden() throws Exception {
        try (InputStream in =
                new GZIPInputStream(
                        MfccGoldenTest.class.getResourceAsStream("/golden/mfcc_tf.json.gz"))) {
            return new ObjectMapper().readTree(in);
        }
    }

    static double maxAbsError(float[][] ours, JsonNode theirs) {
        assertEquals(theirs.size(), ours.length, "frame count");
        double worst = 0;
        for (int f = 0; f < ours.length; f++) {
            assertEquals(theirs.get(f).size(), ours[f].length, "coefficient count");
            for (int k = 0; k < ours[f].length; k++) {
                worst = Math.max(worst, Math.abs(ours[f][k] - theirs.get(f).get(k).asDouble()));
            }
        }
        return worst;
    }

    @Test
    void syntheticSignalsMatchTensorFlow() throws Exception {
        Mfcc mfcc = new Mfcc();
        int seen = 0;
        for (JsonNode e : golden().path("entries")) {
            if (!e.path("kind").asText().equals("synthetic")) {
                continue;
            }
            byte[] wav = Base64.getDecoder().decode(e.path("wav_base64").asText());
            float[] clip =
                    Wav.fitToClip(Wav.scale(Wav.parse(Path.of(e.path("name").asText()), wav)));
            double err = maxAbsError(mfcc.mfcc(clip), e.path("mfcc"));
            assertTrue(err <= TOLERANCE, e.path("name").asText() + ": max |error| " + err);
            seen++;
        }
        assertEquals(6, seen);
    }

    @Test
    void realClipsMatchTensorFlow() throws Exception {
        var data = TestData.testSet();
        assumeTrue(data.isPresent(), "real test set not found beside the clone");
        Mfcc mfcc = new Mfcc();
        int seen = 0;
        for (JsonNode e : golden().path("entries")) {
            if (!e.path("kind").asText().equals("real")) {
                continue;
            }
            Path clip = data.get().resolve(e.path("path").asText());
            assertTrue(Files.exists(clip), clip + " missing");
            double err = maxAbsError(mfcc.mfcc(Wav.readClip(clip)), e.path("mfcc"));
            assertTrue(err <= TOLERANCE, clip + ": max |error| " + err);
            seen++;
        }
        assertEquals(7, seen);
    }

    @Test
    void shapeIsTheRecipes() {
        assertEquals(98, Mfcc.frames(16_000));
        float[][] m = new Mfcc().mfcc(new float[16_000]);
        assertEquals(98, m.length);
        assertEquals(40, m[0].length);
        // Digital silence: every band at log(1e-12); hand-derived c_0 = sqrt(2/40) * 40 *
        // log(1e-12).
        assertEquals(Math.sqrt(2.0 / 40) * 40 * Math.log(1e-12), m[0][0], 1e-3);
        assertEquals(0.0, m[0][1], 1e-3);
    }
}
