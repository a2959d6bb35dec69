package io.slimkws.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * environment/native-build: the generic oneDNN build by default; with SLIMKWS_NATIVE=tuned, the
 * tuned build the CPU's flags allow. A tuned build on a CPU that lacks one of its instructions dies
 * with SIGILL, so that choice is checked on flag sets of real CPUs (from their /proc/cpuinfo), each
 * with the build worked out by hand from what nd4j's builds were compiled for (-avx2: Haswell;
 * -avx512: Skylake-AVX512).
 */
class NativeBuildTest {
    private static final Path SCRIPT =
            Path.of("..", "environment", "native-build").toAbsolutePath().normalize();

    @TempDir Path tmp;

    private static final String HASWELL =
            "fpu sse sse2 ssse3 sse4_1 sse4_2 movbe popcnt avx f16c fma bmi1 avx2 bmi2";

    @Test
    void zen4WithTheFullAvx512SetGetsTheAvx512Build() throws Exception {
        assertEquals(
                "linux-x86_64-onednn-avx512",
                choose(
                                HASWELL
                                        + " avx512f avx512dq avx512cd avx512bw avx512vl avx512_vnni"
                                        + " avx512_bf16")
                        .stdout);
    }

    @Test
    void zen2WithAvx2ButNoAvx512GetsTheAvx2Build() throws Exception {
        Result r = choose(HASWELL + " sha_ni clzero");
        assertEquals("linux-x86_64-onednn-avx2", r.stdout);
        assertTrue(r.stderr.contains("AVX2"), r.stderr);
    }

    @Test
    void knightsLandingWithAvx512fButNoBwDqVlGetsTheAvx2Build() throws Exception {
        // Xeon Phi: AVX-512 F/CD/ER/PF only; the Skylake-AVX512 build would use BW/DQ/VL
        // instructions.
        assertEquals(
                "linux-x86_64-onednn-avx2",
                choose(HASWELL + " avx512f avx512cd avx512er avx512pf").stdout);
    }

    @Test
    void cpuWithoutAvx2GetsTheGenericBuildAndIsToldWhy() throws Exception {
        Result r = choose("fpu sse sse2 ssse3 sse4_1 sse4_2 popcnt avx");
        assertEquals("linux-x86_64-onednn", r.stdout);
        assertTrue(r.stderr.contains("generic") && r.stderr.contains("lacks avx2"), r.stderr);
    }

    @Test
    void theDefaultIsTheGenericBuildWhateverTheFlags() throws Exception {
        Path cpuinfo = tmp.resolve("cpuinfo");
        Files.writeString(
                cpuinfo,
                "flags\t\t: " + HASWELL + " avx512f avx512dq avx512cd avx512bw avx512vl\n");
        ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString());
        pb.environment().put("SLIMKWS_CPUINFO", cpuinfo.toString());
        Result r = run(pb, null, null);
        assertEquals("linux-x86_64-onednn", r.stdout);
        assertTrue(r.stderr.contains("SLIMKWS_NATIVE=tuned"), r.stderr);
    }

    @Test
    void anOverrideIsUsedAsGivenAndGarbageIsRefused() throws Exception {
        Result ok =
                run(new ProcessBuilder(SCRIPT.toString()), "SLIMKWS_NATIVE", "linux-x86_64-onednn");
        assertEquals("linux-x86_64-onednn", ok.stdout);
        Result bad = run(new ProcessBuilder(SCRIPT.toString()), "SLIMKWS_NATIVE", "linux x86");
        assertEquals(2, bad.exit);
        assertTrue(bad.stderr.contains("SLIMKWS_NATIVE"), bad.stderr);
    }

    @Test
    void theJvmRunsTheBuildChosenForThisCpu() throws Exception {
        Assumptions.assumeTrue(System.getenv("SLIMKWS_NATIVE") == null, "an override is set");
        Result r = run(new ProcessBuilder(SCRIPT.toString()), null, null);
        assertEquals(
                r.stdout,
                EnvironmentReport.nativeBuild(),
                "the class path carries another libnd4j build than this CPU's");
    }

    private Result choose(String flags) throws Exception {
        Path cpuinfo = tmp.resolve("cpuinfo");
        Files.writeString(
                cpuinfo,
                "processor\t: 0\nmodel name\t: test CPU\nflags\t\t: "
                        + flags
                        + "\n\nprocessor\t: 1\nflags\t\t: fpu\n");
        Assumptions.assumeTrue(
                System.getProperty("os.name").startsWith("Linux")
                        && System.getProperty("os.arch").equals("amd64"),
                "the flag-based choice is made on Linux x86_64 only");
        ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString());
        pb.environment().put("SLIMKWS_CPUINFO", cpuinfo.toString());
        return run(pb, "SLIMKWS_NATIVE", "tuned");
    }

    private record Result(int exit, String stdout, String stderr) {}

    private static Result run(ProcessBuilder pb, String key, String value)
            throws IOException, InterruptedException {
        pb.environment().remove("SLIMKWS_NATIVE");
        if (key != null) {
            pb.environment().put(key, value);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return new Result(p.waitFor(), out, err);
    }
}
