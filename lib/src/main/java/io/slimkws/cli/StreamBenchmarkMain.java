package io.slimkws.cli;

import io.slimkws.data.BadFile;
import io.slimkws.data.Corpus;
import io.slimkws.data.CorpusLoader;
import io.slimkws.data.NoiseBank;
import io.slimkws.data.Split;
import io.slimkws.env.Profile;
import io.slimkws.paper.Classify;
import io.slimkws.stream.LongRecording;
import io.slimkws.stream.StreamingBenchmark;
import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The streaming benchmark from the command line: {@code environment/run-java
 * io.slimkws.cli.StreamBenchmarkMain MODEL DATA [--profile P] [--seed S] [--wav OUT.wav]} lays the
 * profile's test-split clips of DATA over its {@code _background_noise_} ({@link LongRecording}),
 * spots keywords in it with MODEL and prints the score ({@link StreamingBenchmark}); {@code --wav}
 * also writes the recording and its truth (OUT.csv) for {@code ClassifyMain MODEL --stream
 * OUT.wav}.
 */
public final class StreamBenchmarkMain {
    private StreamBenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length % 2 != 0) {
            System.err.println(
                    "usage: environment/run-java io.slimkws.cli.StreamBenchmarkMain MODEL DATA"
                            + " [--profile P] [--seed S] [--wav OUT.wav]\n"
                            + "  MODEL  a slim model (.skws), a run folder of runs/<profile>/ or a"
                            + " model.zip\n"
                            + "  DATA   a Speech Commands folder with _background_noise_ (its"
                            + " test split under the profile gives the words)");
            System.exit(2);
        }
        Profile profile = Profile.parse("mini");
        long seed = 1;
        Path wav = null;
        for (int i = 2; i < args.length; i += 2) {
            switch (args[i]) {
                case "--profile" -> {
                    try {
                        profile = Profile.parse(args[i + 1]);
                    } catch (IllegalArgumentException e) {
                        System.err.println("StreamBenchmark: --profile: " + e.getMessage());
                        System.exit(2);
                    }
                }
                case "--seed" -> {
                    try {
                        seed = Long.parseLong(args[i + 1]);
                    } catch (NumberFormatException e) {
                        System.err.println(
                                "StreamBenchmark: --seed needs a whole number, got '"
                                        + args[i + 1]
                                        + "'");
                        System.exit(2);
                    }
                }
                case "--wav" -> wav = Path.of(args[i + 1]);
                default -> {
                    System.err.println(
                            "StreamBenchmark: unknown option '"
                                    + args[i]
                                    + "' (expected --profile, --seed or --wav)");
                    System.exit(2);
                }
            }
        }
        try {
            MultiLayerNetwork net = Classify.load(Path.of(args[0]));
            Corpus c = CorpusLoader.of().load(Path.of(args[1]));
            if (!c.badFiles().isEmpty()) {
                // Every unreadable clip is named: none silently leaves the recording's count.
                System.out.println(
                        BadFile.summary(
                                c.badFiles(),
                                c.root(),
                                Path.of("").toAbsolutePath().resolve("stream-bad-files.txt")));
            }
            if (profile.clipsPerLabel() > 0) {
                c = c.limit(profile.clipsPerLabel());
            }
            LongRecording rec =
                    LongRecording.build(
                            c.clips(Split.TESTING),
                            NoiseBank.load(c.noiseFiles()),
                            LongRecording.Layout.DEFAULT,
                            seed);
            System.out.println(
                    String.format(
                            "recording: %.1f min, %d words (%d keywords) from the %s test split"
                                    + " of %s, background from %d noise file(s), seed %d",
                            rec.seconds() / 60,
                            rec.words().size(),
                            rec.keywords(),
                            profile.id(),
                            c.root(),
                            c.noiseFiles().size(),
                            seed));
            if (wav != null) {
                Path csv =
                        wav.resolveSibling(
                                wav.getFileName().toString().replaceFirst("\\.wav$", "") + ".csv");
                rec.write(wav, csv);
                System.out.println("wrote " + wav + " and its truth " + csv);
            }
            StreamingBenchmark.Result r = StreamingBenchmark.run(net, rec);
            System.out.println(StreamingBenchmark.table(r).printAll());
            System.out.println(StreamingBenchmark.verdict(r));
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            System.err.println("StreamBenchmark: " + e.getMessage());
            System.exit(1);
        }
    }
}
