package io.slimkws.stream;

import io.slimkws.audio.Mfcc;
import io.slimkws.audio.Wav;
import io.slimkws.data.FeatureSet;
import io.slimkws.model.KwsCnn;
import io.slimkws.stream.RecognizeCommands.Detection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keyword spotting in a recording of any length: the one-second window the network was trained on
 * slides over it by {@code hopMs}, each window's MFCC goes through the network, and {@link
 * RecognizeCommands} turns the posteriors into detections.
 */
public final class StreamingDetector {
    /** TensorFlow's test_streaming_accuracy defaults, with a half-second average. */
    public static final long HOP_MS = 100;

    public static final long AVERAGE_WINDOW_MS = 500;
    public static final double THRESHOLD = 0.7;
    public static final long SUPPRESSION_MS = 1500;
    public static final int MINIMUM_COUNT = 3;

    private static final int BATCH = 50;

    private StreamingDetector() {}

    /** Detections in a 16 kHz mono 16-bit WAV file of at least one second. */
    public static List<Detection> detect(MultiLayerNetwork net, Path wav) throws IOException {
        float[] x = Wav.readScaled(wav);
        if (x.length < Wav.CLIP_SAMPLES) {
            throw new IOException(
                    wav
                            + " is "
                            + (x.length == 0
                                    ? "empty"
                                    : String.format(
                                            "%.2f s long", x.length / (double) Wav.SAMPLE_RATE))
                            + ": streaming detection needs at least one second (the window)");
        }
        return detect(net, x, HOP_MS, recognizer(THRESHOLD));
    }

    /** A recogniser with this detector's settings and the given detection threshold. */
    public static RecognizeCommands recognizer(double threshold) {
        return new RecognizeCommands(AVERAGE_WINDOW_MS, threshold, SUPPRESSION_MS, MINIMUM_COUNT);
    }

    /** Detections in 16 kHz samples scaled to [-1, 1), with the given hop and recogniser. */
    public static List<Detection> detect(
            MultiLayerNetwork net, float[] samples, long hopMs, RecognizeCommands rc) {
        return recognize(posteriors(net, samples, hopMs), rc);
    }

    /** The network's posteriors of every window, each stamped with the window's end. */
    public record Posteriors(long[] endMs, float[][] scores) {}

    /** The posteriors of the one-second windows every {@code hopMs} along the samples. */
    public static Posteriors posteriors(MultiLayerNetwork net, float[] samples, long hopMs) {
        if (hopMs <= 0) {
            throw new IllegalArgumentException("the hop must be > 0 ms, got " + hopMs);
        }
        int hop = (int) (hopMs * Wav.SAMPLE_RATE / 1000);
        int windows = (samples.length - Wav.CLIP_SAMPLES) / hop + 1;
        Mfcc mfcc = new Mfcc();
        long[] endMs = new long[windows];
        float[][] scores = new float[windows][];
        float[] clip = new float[Wav.CLIP_SAMPLES];
        for (int from = 0; from < windows; from += BATCH) {
            int n = Math.min(BATCH, windows - from);
            float[] x = new float[n * FeatureSet.DIM];
            for (int i = 0; i < n; i++) {
                System.arraycopy(samples, (from + i) * hop, clip, 0, clip.length);
                mfcc.mfccInto(clip, x, i * FeatureSet.DIM);
            }
            INDArray p =
                    net.output(
                            Nd4j.create(x, new long[] {n, 1, KwsCnn.FRAMES, KwsCnn.COEFFS}, 'c'),
                            false);
            for (int i = 0; i < n; i++) {
                endMs[from + i] =
                        ((long) (from + i) * hop + Wav.CLIP_SAMPLES) * 1000 / Wav.SAMPLE_RATE;
                scores[from + i] = p.getRow(i).toFloatVector();
            }
        }
        return new Posteriors(endMs, scores);
    }

    /** The recogniser's detections over posteriors already computed. */
    public static List<Detection> recognize(Posteriors p, RecognizeCommands rc) {
        List<Detection> found = new ArrayList<>();
        for (int i = 0; i < p.endMs().length; i++) {
            rc.process(p.endMs()[i], p.scores()[i]).ifPresent(found::add);
        }
        return found;
    }
}
