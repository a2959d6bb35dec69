package io.slimkws.env;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a notebook run was asked to do. {@code ./reproduce} passes these as environment variables
 * (papermill has no Java translator); in JupyterLab they default to the mini profile and the
 * project's {@code results/} folder.
 *
 * <ul>
 *   <li>{@code SLIMKWS_PROFILE}: smoke, mini or paper (default mini)
 *   <li>{@code SLIMKWS_DATA}: a Speech Commands folder (either layout)
 *   <li>{@code SLIMKWS_HOME}: the project root
 *   <li>{@code SLIMKWS_RESULTS}: where tables and figures go (default results/&lt;profile&gt;)
 *   <li>{@code SLIMKWS_SEEDS}: how many seeds every training run is repeated with (default 1)
 *   <li>{@code SLIMKWS_SEEDS_FOR}: the runs (or chains) that repeat under the seeds after the
 *       first, comma-separated (default: every run); the paper layer checks the names
 *   <li>{@code SLIMKWS_STRICT}: 1 to stop on any bad file of the corpus instead of leaving it out
 *   <li>{@code SLIMKWS_WITH}: "beyond" to include the study beyond the paper
 * </ul>
 *
 * The other variables (SLIMKWS_PLOTLYJS, SLIMKWS_ARCHIVES, SLIMKWS_BLAS_CORE_CHOICE,
 * SLIMKWS_RESULTS_PUBLISHED) are read through {@link #variable} by the class they configure.
 */
public record Settings(
        Profile profile,
        Optional<Path> data,
        Path home,
        Path results,
        int seeds,
        boolean strict,
        List<String> seedsFor) {

    public Settings {
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds must be at least 1, got " + seeds);
        }
        seedsFor = seedsFor == null ? List.of() : List.copyOf(seedsFor);
    }

    /** Every run repeats under every seed. */
    public Settings(
            Profile profile,
            Optional<Path> data,
            Path home,
            Path results,
            int seeds,
            boolean strict) {
        this(profile, data, home, results, seeds, strict, List.of());
    }

    public static Settings fromEnvironment() {
        Profile profile = Profile.parse(get("SLIMKWS_PROFILE"));
        Path home = Path.of(orElse(get("SLIMKWS_HOME"), ".")).toAbsolutePath().normalize();
        String dataVar = get("SLIMKWS_DATA");
        Optional<Path> data =
                dataVar == null || dataVar.isBlank()
                        ? Optional.empty()
                        : Optional.of(Path.of(dataVar).toAbsolutePath().normalize());
        Path results =
                Path.of(
                                orElse(
                                        get("SLIMKWS_RESULTS"),
                                        home.resolve("results").resolve(profile.id()).toString()))
                        .toAbsolutePath()
                        .normalize();
        return new Settings(
                profile,
                data,
                home,
                results,
                seeds(get("SLIMKWS_SEEDS")),
                "1".equals(get("SLIMKWS_STRICT")),
                names(get("SLIMKWS_SEEDS_FOR")));
    }

    /**
     * SLIMKWS_SEEDS_FOR (./reproduce --seeds-for): comma-separated names; blank means none given.
     */
    public static List<String> names(String v) {
        if (v == null || v.isBlank()) {
            return List.of();
        }
        return Arrays.stream(v.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList();
    }

    /** SLIMKWS_SEEDS (./reproduce --seeds): a whole number of at least 1; blank means 1. */
    static int seeds(String v) {
        if (v == null || v.isBlank()) {
            return 1;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(
                "SLIMKWS_SEEDS (--seeds) must be a whole number of at least 1, got '" + v + "'");
    }

    /** The data folder, or an error saying where it was looked for and how to get one. */
    public Path requireData() {
        Path p =
                data.orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "no data folder given: set SLIMKWS_DATA or pass --data PATH"
                                                + " to ./reproduce. Get data with"
                                                + " data-scripts/download, data-scripts/link or"
                                                + " data-scripts/synthesize."));
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException(
                    "data folder "
                            + p
                            + " does not exist (from SLIMKWS_DATA). Get data with"
                            + " data-scripts/download, data-scripts/link or"
                            + " data-scripts/synthesize.");
        }
        return p;
    }

    /**
     * The one place the library reads its environment: a variable {@code SLIMKWS_X_Y}, or the
     * system property {@code slimkws.x.y} in its place (null when neither is set).
     */
    public static String variable(String name) {
        String v = System.getProperty(name.toLowerCase().replace('_', '.'));
        return v != null ? v : System.getenv(name);
    }

    /** Whether the study beyond the paper was asked for ({@code --with beyond}, SLIMKWS_WITH). */
    public static boolean withBeyond() {
        return String.valueOf(variable("SLIMKWS_WITH")).contains("beyond");
    }

    private static String get(String name) {
        return variable(name);
    }

    private static String orElse(String v, String d) {
        return v == null || v.isBlank() ? d : v;
    }
}
