package io.slimkws.stream;

import io.slimkws.report.Binomial;
import io.slimkws.stream.LongRecording.Word;
import io.slimkws.stream.RecognizeCommands.Detection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Detections scored against the truth of a long recording. A keyword is <em>hit</em> when a
 * detection of its label lies within {@code toleranceMs} of its clip's end (the first moment the
 * whole word has been heard); each keyword is hit at most once and each detection hits at most one
 * keyword (the nearest). Every other detection is a <em>false alarm</em>: a wrong keyword said near
 * a word (a keyword or an unknown word within the tolerance) or one in the background alone.
 */
public record StreamScore(
        int keywords,
        int hits,
        int falseAlarms,
        int falseAlarmsNearWords,
        double seconds,
        long toleranceMs) {

    /** The score of the detections against the recording's words. */
    public static StreamScore of(
            List<Detection> found, List<Word> words, double seconds, long toleranceMs) {
        if (toleranceMs < 0) {
            throw new IllegalArgumentException("toleranceMs must be >= 0, got " + toleranceMs);
        }
        List<Detection> byTime = new ArrayList<>(found);
        byTime.sort(Comparator.comparingLong(Detection::timeMs));
        boolean[] matched = new boolean[words.size()];
        int keywords = (int) words.stream().filter(Word::isKeyword).count();
        int hits = 0;
        int falseAlarms = 0;
        int nearWords = 0;
        for (Detection d : byTime) {
            int best = -1;
            for (int i = 0; i < words.size(); i++) {
                Word w = words.get(i);
                long off = Math.abs(d.timeMs() - w.endMs());
                if (!matched[i]
                        && w.isKeyword()
                        && w.label().equals(d.label())
                        && off <= toleranceMs
                        && (best < 0 || off < Math.abs(d.timeMs() - words.get(best).endMs()))) {
                    best = i;
                }
            }
            if (best >= 0) {
                matched[best] = true;
                hits++;
                continue;
            }
            falseAlarms++;
            for (Word w : words) {
                if (Math.abs(d.timeMs() - w.endMs()) <= toleranceMs) {
                    nearWords++;
                    break;
                }
            }
        }
        return new StreamScore(keywords, hits, falseAlarms, nearWords, seconds, toleranceMs);
    }

    public int misses() {
        return keywords - hits;
    }

    /** Keywords found, in percent of the keywords spoken. */
    public double hitPercent() {
        return keywords == 0 ? Double.NaN : 100.0 * hits / keywords;
    }

    /** The Wilson 95 % interval of {@link #hitPercent()}, in percent. */
    public double[] hitInterval95() {
        return Binomial.wilson95(hitPercent(), keywords);
    }

    /** False alarms per hour of recording (the recording is mostly background). */
    public double falseAlarmsPerHour() {
        return falseAlarms * 3600.0 / seconds;
    }

    public double hours() {
        return seconds / 3600.0;
    }
}
