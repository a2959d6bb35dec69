package io.slimkws.data;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dataset's own split rule (speech_commands {@code which_set}): hash the speaker id (the file
 * name before {@code _nohash_}) with SHA-1, read the hex digest as an integer, take it mod 2^27 and
 * scale by 100 / (2^27 - 1); below 10 is validation, below 20 testing, else training. Every clip of
 * a speaker lands in the same part.
 */
public final class SpeakerHash {
    static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(27); // MAX_NUM_WAVS_PER_CLASS + 1
    static final double SCALE = 100.0 / ((1 << 27) - 1);
    public static final double VALIDATION_PERCENT = 10;
    public static final double TESTING_PERCENT = 10;

    private static final Pattern SPEAKER = Pattern.compile("(?:.*_)?([^_]+)_nohash_.*");

    private SpeakerHash() {}

    /**
     * The speaker id of a file name, or null if it has none. Works for both layouts: the full
     * dataset's {@code 0c540988_nohash_0.wav} and the test set's prefixed unknown-word names {@code
     * backward_0c540988_nohash_0.wav.wav}.
     */
    public static String speaker(String fileName) {
        Matcher m = SPEAKER.matcher(fileName);
        return m.matches() ? m.group(1) : null;
    }

    /** The percentage in [0, 100] that the rule assigns to a hash name. */
    public static double percentage(String hashName) {
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-1")
                            .digest(hashName.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, d).mod(MODULUS).doubleValue() * SCALE;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The recipe's rule on a percentage. */
    public static Split of(double percentage) {
        if (percentage < VALIDATION_PERCENT) {
            return Split.VALIDATION;
        }
        if (percentage < VALIDATION_PERCENT + TESTING_PERCENT) {
            return Split.TESTING;
        }
        return Split.TRAINING;
    }

    /** The recipe's split of a file of the full dataset (speaker id, else the whole name). */
    public static Split recipeSplit(String fileName) {
        String s = speaker(fileName);
        return of(percentage(s != null ? s : fileName));
    }

    /**
     * The {@code mini} corpus's split of the v0.02 test set. Under the recipe's rule every one of
     * its speakers falls in the testing band [10, 20), so the position inside that band is
     * stretched back to [0, 100): p' = 10 (p - 10), and p' is split by the same thresholds.
     * Speakers stay disjoint (the split is still a function of the speaker alone). Clips with no
     * speaker (silence) are hashed by file name under the plain rule.
     */
    public static Split miniSplit(String fileName) {
        String s = speaker(fileName);
        if (s == null) {
            return of(percentage(fileName));
        }
        double p = percentage(s);
        boolean inTestingBand = p >= VALIDATION_PERCENT && p < VALIDATION_PERCENT + TESTING_PERCENT;
        return of(inTestingBand ? 10 * (p - VALIDATION_PERCENT) : p);
    }
}
