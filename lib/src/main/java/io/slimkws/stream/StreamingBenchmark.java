package io.slimkws.stream;

import io.slimkws.data.Labels;
import io.slimkws.report.Binomial;
import io.slimkws.stream.StreamingDetector.Posteriors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The streaming benchmark: a network's detections in a {@link LongRecording}, scored against the
 * recording's truth ({@link StreamScore}) at the detector's fixed settings ({@link
 * StreamingDetector}), and over a range of detection thresholds to show the trade-off between
 * keywords found and false alarms. The network runs once; only the recogniser is repeated.
 */
public final class StreamingBenchmark {
    /** A keyword is found when detected within this much of its clip's end. */
    public static final long TOLERANCE_MS = 500;

    /** The target: at least this share of keywords found ... */
    public static final double TARGET_HIT_PERCENT = 70;

    /** ... at no more than this many false alarms per hour. */
    public static final double TARGET_FALSE_ALARMS_PER_HOUR = 20;

    public static final double MOONSHOT_HIT_PERCENT = 85;
    public static final double MOONSHOT_FALSE_ALARMS_PER_HOUR = 5;

    /** The thresholds of the trade-off table (the fixed setting is one of them). */
    public static final double[] THRESHOLDS = {0.5, 0.6, 0.7, 0.8, 0.9, 0.95};

    /** One operating point: a detection threshold and the score it gives. */
    public record Point(double threshold, StreamScore score) {}

    /**
     * The score at the detector's fixed settings, the trade-off over thresholds, and the share of
     * keywords whose aligned window (the one ending nearest the clip's end) has the keyword as its
     * top label: the one-clip view of the same network on the same audio, which separates what the
     * network hears from what the recogniser makes of it.
     */
    public record Result(
            double seconds,
            int words,
            StreamScore atSetting,
            List<Point> sweep,
            double alignedPercent) {}

    private StreamingBenchmark() {}

    public static Result run(MultiLayerNetwork net, LongRecording rec) {
        Posteriors p = StreamingDetector.posteriors(net, rec.samples(), StreamingDetector.HOP_MS);
        List<Point> sweep = new ArrayList<>();
        StreamScore atSetting = null;
        for (double t : THRESHOLDS) {
            StreamScore s = score(p, rec, t);
            sweep.add(new Point(t, s));
            if (t == StreamingDetector.THRESHOLD) {
                atSetting = s;
            }
        }
        if (atSetting == null) {
            atSetting = score(p, rec, StreamingDetector.THRESHOLD);
        }
        return new Result(
                rec.seconds(),
                rec.words().size(),
                atSetting,
                sweep,
                alignedPercent(p, rec.words()));
    }

    /** Percent of the keywords whose window ending nearest their clip's end ranks them first. */
    static double alignedPercent(Posteriors p, List<LongRecording.Word> words) {
        int keywords = 0;
        int named = 0;
        for (LongRecording.Word w : words) {
            if (!w.isKeyword()) {
                continue;
            }
            keywords++;
            int nearest = 0;
            for (int i = 1; i < p.endMs().length; i++) {
                if (Math.abs(p.endMs()[i] - w.endMs()) < Math.abs(p.endMs()[nearest] - w.endMs())) {
                    nearest = i;
                }
            }
            float[] sc = p.scores()[nearest];
            int top = 0;
            for (int k = 1; k < sc.length; k++) {
                if (sc[k] > sc[top]) {
                    top = k;
                }
            }
            named += Labels.name(top).equals(w.label()) ? 1 : 0;
        }
        return keywords == 0 ? Double.NaN : 100.0 * named / keywords;
    }

    private static StreamScore score(Posteriors p, LongRecording rec, double threshold) {
        return StreamScore.of(
                StreamingDetector.recognize(p, StreamingDetector.recognizer(threshold)),
                rec.words(),
                rec.seconds(),
                TOLERANCE_MS);
    }

    /** The trade-off table: one row per threshold. */
    public static Table table(Result r) {
        Table t =
                Table.create("streaming detection")
                        .addColumns(
                                DoubleColumn.create("threshold"),
                                IntColumn.create("keywords"),
                                IntColumn.create("found"),
                                IntColumn.create("missed"),
                                DoubleColumn.create("found %"),
                                StringColumn.create("95 % interval"),
                                IntColumn.create("false alarms"),
                                IntColumn.create("of which near a word"),
                                DoubleColumn.create("false alarms per hour"));
        for (Point p : r.sweep()) {
            StreamScore s = p.score();
            t.doubleColumn("threshold").append(p.threshold());
            t.intColumn("keywords").append(s.keywords());
            t.intColumn("found").append(s.hits());
            t.intColumn("missed").append(s.misses());
            t.doubleColumn("found %").append(Math.round(s.hitPercent() * 10) / 10.0);
            t.stringColumn("95 % interval")
                    .append(Binomial.wilson95Text(s.hitPercent(), s.keywords()));
            t.intColumn("false alarms").append(s.falseAlarms());
            t.intColumn("of which near a word").append(s.falseAlarmsNearWords());
            t.doubleColumn("false alarms per hour")
                    .append(Math.round(s.falseAlarmsPerHour() * 10) / 10.0);
        }
        return t;
    }

    /** The figure at the fixed settings against the target and the moonshot, in one paragraph. */
    public static String verdict(Result r) {
        StreamScore s = r.atSetting();
        boolean target =
                s.hitPercent() >= TARGET_HIT_PERCENT
                        && s.falseAlarmsPerHour() <= TARGET_FALSE_ALARMS_PER_HOUR;
        boolean moonshot =
                s.hitPercent() >= MOONSHOT_HIT_PERCENT
                        && s.falseAlarmsPerHour() <= MOONSHOT_FALSE_ALARMS_PER_HOUR;
        return String.format(
                Locale.ROOT,
                "At the detector's fixed settings (threshold %.2f, average %d ms, refractory %d ms,"
                    + " hop %d ms), %d of %d keywords were found within %.1f s of their clip's end:"
                    + " %.1f %% %s, with %d false alarm(s) in %.1f min of recording = %.1f per hour"
                    + " (%d near a spoken word). The window aligned with each keyword's clip ranks"
                    + " it first for %.1f %% of them. Target (>= %.0f %% at <= %.0f per hour): %s."
                    + " Moonshot (>= %.0f %% at <= %.0f per hour): %s.",
                StreamingDetector.THRESHOLD,
                StreamingDetector.AVERAGE_WINDOW_MS,
                StreamingDetector.SUPPRESSION_MS,
                StreamingDetector.HOP_MS,
                s.hits(),
                s.keywords(),
                TOLERANCE_MS / 1000.0,
                s.hitPercent(),
                Binomial.wilson95Text(s.hitPercent(), s.keywords()),
                s.falseAlarms(),
                s.seconds() / 60,
                s.falseAlarmsPerHour(),
                s.falseAlarmsNearWords(),
                r.alignedPercent(),
                TARGET_HIT_PERCENT,
                TARGET_FALSE_ALARMS_PER_HOUR,
                target ? "met" : "missed",
                MOONSHOT_HIT_PERCENT,
                MOONSHOT_FALSE_ALARMS_PER_HOUR,
                moonshot ? "met" : "missed");
    }
}
