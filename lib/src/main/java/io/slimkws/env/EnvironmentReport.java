package io.slimkws.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Facts about the machine and build a result was produced on, as Tablesaw tables. */
public final class EnvironmentReport {
    private EnvironmentReport() {}

    /**
     * The CPU model and its vector extensions (from /proc/cpuinfo), e.g. "AMD EPYC (avx2 avx512f)".
     */
    public static String cpuModel() {
        try {
            String model = "unknown CPU";
            Set<String> flags = Set.of();
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name") && model.equals("unknown CPU")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                } else if (line.startsWith("flags") && flags.isEmpty()) {
                    flags =
                            new HashSet<>(
                                    Arrays.asList(
                                            line.substring(line.indexOf(':') + 1)
                                                    .trim()
                                                    .split("\\s+")));
                }
            }
            List<String> vec = new ArrayList<>();
            for (String f :
                    new String[] {
                        "avx2", "fma", "avx512f", "avx512bw", "avx512_vnni", "avx512_bf16"
                    }) {
                if (flags.contains(f)) {
                    vec.add(f);
                }
            }
            return model + " (" + (vec.isEmpty() ? "no AVX2" : String.join(" ", vec)) + ")";
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch") + " (no /proc/cpuinfo)";
        }
    }

    /**
     * The libnd4j build this JVM loaded, e.g. "linux-x86_64-onednn": the platform folder of the
     * loaded libnd4jcpu (environment/native-build chose the jar that carries it).
     */
    public static String nativeBuild() {
        Nd4jSetup.init();
        String path = Loader.getLoadedLibraries().get("nd4jcpu");
        if (path == null) {
            return "unknown (libnd4jcpu not loaded through JavaCPP)";
        }
        Matcher m = Pattern.compile(".*/bindings/([^/]+)/[^/]+$").matcher(path.replace('\\', '/'));
        return m.matches() ? m.group(1) : "unknown (" + path + ")";
    }

    /**
     * Whether training gets oneDNN, in one sentence. Throws only for the one real fault: a oneDNN
     * build of libnd4j that DL4J's layers do not use (the compatibility shim missing), which would
     * train about 3x slower unnoticed. A build without oneDNN (platforms where nd4j publishes none)
     * or the CUDA backend is a warning, not an error.
     */
    public static String oneDnnStatus() {
        if (!Nd4jSetup.cpuBackend()) {
            return "WARNING: backend "
                    + Nd4jSetup.backend()
                    + ": oneDNN is a CPU library and does not apply here";
        }
        boolean inNative = Nd4jSetup.oneDnnInNative();
        boolean inDl4j = Nd4jSetup.oneDnnInDl4j();
        if (inNative && !inDl4j) {
            throw new IllegalStateException(
                    "libnd4j "
                            + nativeBuild()
                            + " has oneDNN but DL4J's conv/pool layers do not use it (is"
                            + " org.nd4j.nativeblas.Nd4jCpu on the class path?): training would be"
                            + " about 3x slower");
        }
        if (!inNative) {
            return "WARNING: libnd4j "
                    + nativeBuild()
                    + " has no oneDNN (nd4j publishes none for this platform, or another build was"
                    + " chosen): training runs on the plain build, about 3x slower than with oneDNN"
                    + " on x86_64";
        }
        return "oneDNN active in libnd4j (" + nativeBuild() + ") and in DL4J's conv/pool layers";
    }

    /** The library version from the jar manifest (or "dev" when run from classes). */
    public static String libraryVersion() {
        String v = EnvironmentReport.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The git commit of the project at {@code home}, with "-dirty" when the tree has changes. */
    public static String gitCommit(Path home) {
        String head = run(home, "git", "rev-parse", "--short=12", "HEAD");
        if (head == null || head.isBlank()) {
            return "unknown (not a git checkout)";
        }
        String status = run(home, "git", "status", "--porcelain", "--untracked-files=no");
        return head.trim() + (status != null && !status.isBlank() ? "-dirty" : "");
    }

    private static String run(Path dir, String... cmd) {
        try {
            Process p =
                    new ProcessBuilder(cmd)
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Below this share of the FMA limit a GEMM probe is reported with a warning: the BLAS is
     * mis-detected or starved.
     */
    public static final double GEMM_WARN_SHARE = 0.3;

    /**
     * The core OpenBLAS (bundled with ND4J's CPU backend) runs its kernels for, e.g. SkylakeX or
     * Prescott (its fallback for a CPU it does not know), or why it cannot be told.
     */
    public static String blasCore() {
        String choice = Settings.variable("SLIMKWS_BLAS_CORE_CHOICE");
        String why =
                " ("
                        + (choice == null
                                ? "not started through environment/with-blas-core"
                                : choice)
                        + ")";
        // The JavaCPP preset does not map openblas_get_corename(): ask the same library, loaded by
        // Python's ctypes
        // in this process's environment (OPENBLAS_CORETYPE included), which core it runs.
        Path lib = null;
        try (Stream<Path> s = Files.walk(Loader.getCacheDir().toPath())) {
            lib =
                    s.filter(p -> p.getFileName().toString().equals("libopenblas.so.0"))
                            .sorted(
                                    Comparator.comparing(
                                            (Path p) -> !p.toString().contains("nd4j-native")))
                            .findFirst()
                            .orElse(null);
        } catch (IOException | RuntimeException e) {
            return "unknown (cannot search JavaCPP's cache: " + e.getMessage() + ")" + why;
        }
        if (lib == null) {
            return "unknown (no libopenblas.so.0 in JavaCPP's cache)" + why;
        }
        String out =
                run(
                        lib.getParent(),
                        "python3",
                        "-c",
                        "import ctypes, sys; l = ctypes.CDLL(sys.argv[1]);"
                                + " l.openblas_get_config.restype = ctypes.c_char_p;"
                                + " print(l.openblas_get_config().decode())",
                        lib.toString());
        return (out == null ? "unknown (python3 could not load " + lib + ")" : out.strip()) + why;
    }

    /** Where the training step's arithmetic runs (KwsStep). */
    public static final String STEP_PATH =
            "conv2 forward and backward and the fc GEMMs in oneDNN (ND4J's conv2d, conv2d_bp,"
                + " matmul ops); conv1 forward and backward with its ReLU, dropout and pool in the"
                + " library's Vector-API kernels; no GEMM in OpenBLAS";

    /**
     * GFLOP/s of the best of a few {@code n}³ float32 GEMMs through OpenBLAS (INDArray.mmul) or
     * oneDNN (the matmul op).
     */
    public static double gemmGflops(int n, boolean oneDnn) {
        Nd4jSetup.init();
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        Runnable r =
                oneDnn
                        ? () ->
                                Nd4j.exec(
                                        DynamicCustomOp.builder("matmul")
                                                .addInputs(a, b)
                                                .addOutputs(c)
                                                .build())
                        : () -> a.mmuli(b, c);
        r.run();
        double best = 0;
        int reps = n >= 4096 ? 2 : 8;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            r.run();
            best = Math.max(best, 2.0 * n * n * n / ((System.nanoTime() - t0) / 1e9) / 1e9);
        }
        return best;
    }

    /** "x GFLOP/s (y % of the limit)", with a warning below {@link #GEMM_WARN_SHARE}. */
    public static String shareOf(double gflops, FmaProbe.Limit limit) {
        double share = limit.share(gflops);
        return String.format(
                "%.1f GFLOP/s (%.0f %% of the limit)%s",
                gflops,
                100 * share,
                share < GEMM_WARN_SHARE
                        ? String.format(
                                " WARNING: under %.0f %% of the limit", 100 * GEMM_WARN_SHARE)
                        : "");
    }

    /**
     * One row per fact: Java, kernel, library, commit, ND4J backend, oneDNN, cores, profile, data.
     */
    public static Table facts(Settings s) {
        Nd4jSetup.init();
        Map<String, String> f = new LinkedHashMap<>();
        f.put(
                "Java",
                System.getProperty("java.vm.name")
                        + " "
                        + System.getProperty("java.runtime.version"));
        f.put("Kernel", System.getProperty("slimkws.kernel", "not in a notebook kernel"));
        f.put("slimkws library", libraryVersion());
        f.put("git commit", gitCommit(s.home()));
        f.put(
                "ND4J backend",
                Nd4jSetup.backend() + " (" + Nd4j.getBackend().getClass().getSimpleName() + ")");
        f.put("native build (libnd4j)", nativeBuild());
        f.put("CPU", cpuModel());
        f.put("oneDNN in libnd4j", String.valueOf(Nd4jSetup.oneDnnInNative()));
        f.put("oneDNN used by DL4J layers", String.valueOf(Nd4jSetup.oneDnnInDl4j()));
        f.put("CPU cores (JVM)", String.valueOf(Runtime.getRuntime().availableProcessors()));
        f.put("ND4J threads", String.valueOf(Nd4j.getEnvironment().maxThreads()));
        f.put("JVM max heap", (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
        FmaProbe.Limit limit = FmaProbe.measure();
        f.put("FP32 FMA limit (measured)", limit.describe());
        f.put("training step's arithmetic", STEP_PATH);
        f.put("OpenBLAS core", blasCore());
        f.put("GEMM 1024³, oneDNN (the step's path)", shareOf(gemmGflops(1024, true), limit));
        f.put("GEMM 1024³, OpenBLAS (DL4J's layers)", shareOf(gemmGflops(1024, false), limit));
        f.put("profile", s.profile().id());
        f.put("data", s.data().map(Path::toString).orElse("(none given)"));
        // Under ./reproduce a notebook writes into a staging copy published when it succeeds: show
        // where it goes.
        String published = Settings.variable("SLIMKWS_RESULTS_PUBLISHED");
        f.put(
                "results",
                published != null && !published.isBlank() ? published : s.results().toString());
        StringColumn k = StringColumn.create("fact");
        StringColumn v = StringColumn.create("value");
        f.forEach(
                (a, b) -> {
                    k.append(a);
                    v.append(b);
                });
        return Table.create("Environment", k, v);
    }

    /** What a data folder holds: WAV files per immediate sub-folder. */
    public static Table dataFolder(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("data folder " + root + " does not exist");
        }
        Map<String, Integer> counts = new TreeMap<>();
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory).forEach(dirs::add);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot list data folder " + root + ": " + e.getMessage(), e);
        }
        for (Path d : dirs) {
            try (Stream<Path> s = Files.list(d)) {
                counts.put(
                        d.getFileName().toString(),
                        (int)
                                s.filter(
                                                p ->
                                                        p.getFileName()
                                                                .toString()
                                                                .toLowerCase()
                                                                .endsWith(".wav"))
                                        .count());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot list " + d + ": " + e.getMessage(), e);
            }
        }
        StringColumn folder = StringColumn.create("folder");
        IntColumn wav = IntColumn.create("wav files");
        counts.forEach(
                (a, b) -> {
                    folder.append(a);
                    wav.append(b);
                });
        return Table.create("Data folder " + root.getFileName(), folder, wav);
    }
}
