package io.slimkws.env;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which data and schedule a run uses: one record per profile, read from {@code profiles.json}
 * beside this class (the same file {@code ./reproduce} and the notebook runner read), so adding a
 * profile is one edit there. Stage schedules are given either outright or as the paper's schedule
 * compressed k-fold ({@code paperCompressedBy}); {@code "I.GL"} overrides Stage I for one
 * algorithm.
 *
 * @param clipsPerLabel at most this many clips per label and split (0 = all)
 * @param cellTimeoutSeconds seconds one notebook cell may run (0 = no limit)
 * @param lambdaScale multiplier on the paper's λ (1 except under Adam)
 * @param evalEvery evaluation interval in steps (0: derived from evalPoints)
 * @param evalPoints evaluations per run when evalEvery is 0
 * @param calibration for each calibrated run (by its target name, e.g. "rgsm0.05", "stage2-0.05"),
 *     the compression factors k at which {@code ./reproduce calibrate} trains it; empty when the
 *     profile has none
 */
public record Profile(
        String id,
        String summary,
        String data,
        int clipsPerLabel,
        int cellTimeoutSeconds,
        double lambdaScale,
        int evalEvery,
        int evalPoints,
        int trainEvalClips,
        int timingRounds,
        int timingReps,
        int theoremClips,
        int featureBatches,
        Map<String, JsonNode> stages,
        Map<String, List<Double>> calibration) {

    private static final String FILE = "profiles.json";
    private static final Map<String, Profile> ALL = load();
    public static final Profile DEFAULT = ALL.get(defaultId());

    public static List<Profile> all() {
        return new ArrayList<>(ALL.values());
    }

    /** The profile with this id (blank: the default), or an error naming the valid ones. */
    public static Profile parse(String s) {
        if (s == null || s.isBlank()) {
            return DEFAULT;
        }
        Profile p = ALL.get(s.trim().toLowerCase(Locale.ROOT));
        if (p == null) {
            throw new IllegalArgumentException(
                    "unknown profile '"
                            + s
                            + "'; expected one of "
                            + String.join(", ", ALL.keySet()));
        }
        return p;
    }

    /**
     * The stage entry for a stage ("original", "I", "II", "III") and algorithm id, with
     * "STAGE.ALGORITHM" overriding.
     */
    public JsonNode stage(String stage, String algorithm) {
        return stage(stage, algorithm, null);
    }

    /**
     * The schedule record of one run: the run's own record (keyed by its name, e.g. "rgsm0.05")
     * when the profile has one, else its stage and algorithm's ("I.GL"), else its stage's ("I").
     */
    public JsonNode stage(String stage, String algorithm, String run) {
        JsonNode n = run == null ? null : stages.get(run);
        if (n == null) {
            n = stages.get(stage + "." + algorithm.toUpperCase(Locale.ROOT));
        }
        if (n == null) {
            n = stages.get(stage);
        }
        if (n == null) {
            throw new IllegalStateException(
                    "profile " + id + " has no schedule for stage " + stage + " in " + FILE);
        }
        return n;
    }

    @Override
    public String toString() {
        return id;
    }

    static Map<String, List<Double>> calibrationOf(JsonNode p) {
        JsonNode c = p.path("calibration");
        if (!c.isMissingNode() && !c.isObject()) {
            throw new IllegalStateException(
                    "profile "
                            + p.path("id").asText()
                            + " in "
                            + FILE
                            + ": calibration must map run names to lists of compression factors,"
                            + " e.g. {\"original\": [10, 20]}, got "
                            + c);
        }
        Map<String, List<Double>> m = new LinkedHashMap<>();
        c.fields()
                .forEachRemaining(
                        e -> {
                            List<Double> ks = new ArrayList<>();
                            if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                                throw new IllegalStateException(
                                        "profile "
                                                + p.path("id").asText()
                                                + " in "
                                                + FILE
                                                + ": calibration of "
                                                + e.getKey()
                                                + " must list compression factors k >= 1, got "
                                                + e.getValue());
                            }
                            for (JsonNode k : e.getValue()) {
                                if (!k.isNumber() || k.asDouble() < 1) {
                                    throw new IllegalStateException(
                                            "profile "
                                                    + p.path("id").asText()
                                                    + " in "
                                                    + FILE
                                                    + ": calibration of "
                                                    + e.getKey()
                                                    + " must list compression factors k >= 1, got "
                                                    + k);
                                }
                                ks.add(k.asDouble());
                            }
                            m.put(e.getKey(), List.copyOf(ks));
                        });
        return Collections.unmodifiableMap(m);
    }

    private static String defaultId() {
        try (InputStream in = Profile.class.getResourceAsStream(FILE)) {
            return new ObjectMapper().readTree(in).path("default").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Profile> load() {
        try (InputStream in = Profile.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing from the library's resources");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, Profile> m = new LinkedHashMap<>();
            for (JsonNode p : root.path("profiles")) {
                Map<String, JsonNode> st = new LinkedHashMap<>();
                p.path("stages").fields().forEachRemaining(e -> st.put(e.getKey(), e.getValue()));
                Profile pr =
                        new Profile(
                                p.path("id").asText(),
                                p.path("summary").asText(),
                                p.path("data").asText(),
                                p.path("clipsPerLabel").asInt(),
                                p.path("cellTimeoutSeconds").asInt(),
                                p.path("lambdaScale").asDouble(1.0),
                                p.path("evalEvery").asInt(0),
                                p.path("evalPoints").asInt(0),
                                p.path("trainEvalClips").asInt(),
                                p.path("timingRounds").asInt(7),
                                p.path("timingReps").asInt(25),
                                p.path("theoremClips").asInt(0),
                                p.path("featureBatches").asInt(20),
                                st,
                                calibrationOf(p));
                if (pr.evalEvery <= 0 && pr.evalPoints <= 0) {
                    throw new IllegalStateException(
                            "profile " + pr.id + " in " + FILE + " needs evalEvery or evalPoints");
                }
                m.put(pr.id, pr);
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }
}
