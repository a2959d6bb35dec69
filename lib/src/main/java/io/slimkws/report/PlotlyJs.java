package io.slimkws.report;

import io.slimkws.env.Settings;
import io.slimkws.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where the offline copy of plotly.js lives. No CDN is reachable here and JupyterLab has no
 * require.js, so every figure page loads plotly.js from a file next to it. The file comes from the
 * {@code plotly} package that environment/setup pins in the venv; its path reaches the JVM as the
 * system property {@code slimkws.plotlyjs} or the environment variable {@code SLIMKWS_PLOTLYJS}.
 */
public final class PlotlyJs {
    public static final String FILE_NAME = "plotly.min.js";

    private PlotlyJs() {}

    /** The plotly.min.js to copy next to exported pages. */
    public static Path source() {
        String p = Settings.variable("SLIMKWS_PLOTLYJS");
        if (p == null || p.isBlank()) {
            throw new IllegalStateException(
                    "plotly.js location unknown: set -Dslimkws.plotlyjs or SLIMKWS_PLOTLYJS to"
                            + " .venv/lib/python3*/site-packages/plotly/package_data/plotly.min.js"
                            + " (environment/setup does this)");
        }
        Path path = Path.of(p);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(
                    "plotly.js not found at "
                            + path
                            + " (from slimkws.plotlyjs/SLIMKWS_PLOTLYJS); "
                            + "re-run environment/setup");
        }
        return path;
    }

    /** Copies plotly.min.js into {@code dir} unless an identical-size copy is there already. */
    public static Path copyInto(Path dir) {
        Path src = source();
        Path dst = dir.resolve(FILE_NAME);
        try {
            if (Files.exists(dst) && Files.size(dst) == Files.size(src)) {
                return dst;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dst, e);
        }
        return AtomicFiles.replace(
                dst, tmp -> Files.copy(src, tmp, StandardCopyOption.REPLACE_EXISTING));
    }
}
