package io.slimkws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packages form layers that import only downwards: a package may use its own classes and those
 * of lower layers, never a higher one (read from the sources, imports and qualified names).
 */
class LayeringTest {
    /**
     * Layer of each package: shared helpers at 0, the paper's runs, tables and claims (and the
     * streaming detector, which reports through report) at 5, the study beyond the paper above
     * them, the command-line mains on top.
     */
    static final Map<String, Integer> LAYER =
            Map.ofEntries(
                    Map.entry("files", 0),
                    Map.entry("env", 0),
                    Map.entry("audio", 1),
                    Map.entry("prox", 1),
                    Map.entry("data", 2),
                    Map.entry("model", 2),
                    Map.entry("train", 3),
                    Map.entry("theory", 3),
                    Map.entry("report", 4),
                    Map.entry("paper", 5),
                    Map.entry("stream", 5),
                    Map.entry("bench", 6),
                    Map.entry("study", 6),
                    Map.entry("cli", 7));

    @Test
    void noPackageUsesAPackageAboveIt() throws Exception {
        Path src = Path.of("src/main/java/io/slimkws");
        Pattern use = Pattern.compile("io\\.slimkws\\.([a-z]+)\\.");
        List<String> wrong = new ArrayList<>();
        List<Path> files;
        try (var s = Files.walk(src)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path f : files) {
            String pkg = src.relativize(f).getName(0).toString();
            Integer own = LAYER.get(pkg);
            if (own == null) {
                wrong.add(f + ": package '" + pkg + "' has no layer in LayeringTest.LAYER");
                continue;
            }
            // Comments may name any class; only code counts.
            String code =
                    Files.readString(f)
                            .replaceAll("(?s)/\\*.*?\\*/", "")
                            .replaceAll("//[^\n]*", "");
            Matcher m = use.matcher(code);
            while (m.find()) {
                String used = m.group(1);
                Integer theirs = LAYER.get(used);
                if (!used.equals(pkg) && (theirs == null || theirs >= own)) {
                    wrong.add(
                            src.relativize(f)
                                    + " (layer "
                                    + own
                                    + ") uses io.slimkws."
                                    + used
                                    + " (layer "
                                    + theirs
                                    + ")");
                }
            }
        }
        assertEquals(List.of(), wrong.stream().distinct().toList());
    }

    @Test
    void onlySettingsReadsTheEnvironment() throws Exception {
        List<String> wrong = new ArrayList<>();
        try (var s = Files.walk(Path.of("src/main/java"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (!f.endsWith(Path.of("io/slimkws/env/Settings.java"))
                        && Files.readString(f).contains("System.getenv(")) {
                    wrong.add(
                            f
                                    + " reads an environment variable itself; use"
                                    + " io.slimkws.env.Settings.variable");
                }
            }
        }
        assertEquals(List.of(), wrong);
    }
}
