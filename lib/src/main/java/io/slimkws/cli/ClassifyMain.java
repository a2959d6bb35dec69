package io.slimkws.cli;

import io.slimkws.paper.Classify;
import io.slimkws.stream.RecognizeCommands;
import io.slimkws.stream.StreamingDetector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Classifies WAV files with a trained or slim model: {@code environment/run-java
 * io.slimkws.cli.ClassifyMain MODEL PATH...}; or spots keywords in a recording of any length:
 * {@code ClassifyMain MODEL --stream LONG.wav} ({@link StreamingDetector}).
 */
public final class ClassifyMain {
    private ClassifyMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println(
                    "usage: environment/run-java io.slimkws.cli.ClassifyMain MODEL PATH...\n"
                        + "  MODEL  a slim model (.skws, results/<profile>/models/), a run folder"
                        + " of runs/<profile>/, or a model.zip\n"
                        + "  PATH   WAV files or folders (searched recursively; folders named by"
                        + " label give the true label)\n"
                        + "   or: ClassifyMain MODEL --stream LONG.wav   (keywords in a 16 kHz mono"
                        + " 16-bit recording of any length)");
            System.exit(2);
        }
        MultiLayerNetwork net;
        List<Path> paths = new ArrayList<>();
        try {
            net = Classify.load(Path.of(args[0]));
            if (args[1].equals("--stream")) {
                if (args.length != 3) {
                    System.err.println("Classify: --stream takes one recording (a WAV file)");
                    System.exit(2);
                }
                List<RecognizeCommands.Detection> found =
                        StreamingDetector.detect(net, Path.of(args[2]));
                for (RecognizeCommands.Detection d : found) {
                    System.out.println(
                            String.format(
                                    "%9.2f s  %-6s (score %.2f)",
                                    d.timeMs() / 1000.0, d.label(), d.score()));
                }
                System.out.println(
                        String.format(
                                "%d keyword(s); window 1 s, hop %d ms, average %d ms, threshold"
                                        + " %.2f, refractory %d ms",
                                found.size(),
                                StreamingDetector.HOP_MS,
                                StreamingDetector.AVERAGE_WINDOW_MS,
                                StreamingDetector.THRESHOLD,
                                StreamingDetector.SUPPRESSION_MS));
                return;
            }
            for (int i = 1; i < args.length; i++) {
                paths.add(Path.of(args[i]));
            }
            Classify.Result r = Classify.run(net, paths);
            System.out.println(r.predictions().printAll());
            if (r.perClass().rowCount() > 0) {
                System.out.println(r.perClass().printAll());
                System.out.println(r.confusion().printAll());
            }
            if (!r.bad().isEmpty()) {
                System.out.println(
                        r.bad().size() + " WAV file(s) could not be read and were not classified:");
                for (Classify.BadWav b : r.bad()) {
                    System.out.println("  " + b.file() + ": " + b.reason());
                }
            }
            System.out.println(
                    String.format(
                            "classified %d file(s), %d unreadable",
                            r.predictions().rowCount(), r.bad().size()));
        } catch (IOException e) {
            System.err.println("Classify: " + e.getMessage());
            System.exit(1);
        }
    }
}
