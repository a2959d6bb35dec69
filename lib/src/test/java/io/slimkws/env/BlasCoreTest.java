package io.slimkws.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * environment/with-blas-core: OpenBLAS is told SKYLAKEX on an Intel CPU with the full AVX-512 set
 * (where its 0.3.19 may fall back to Prescott), left to its own detection elsewhere, and a user's
 * OPENBLAS_CORETYPE is kept; each choice is reported in SLIMKWS_BLAS_CORE_CHOICE. Flag sets by
 * hand.
 */
class BlasCoreTest {
    private static final Path SCRIPT =
            Path.of("..", "environment", "with-blas-core").toAbsolutePath().normalize();
    private static final String AVX512 =
            "fpu sse2 avx fma avx2 avx512f avx512dq avx512cd avx512bw avx512vl";

    @TempDir Path tmp;

    private String[] run(String vendor, String flags, String userCore) throws Exception {
        Path info = tmp.resolve("cpuinfo");
        Files.writeString(info, "vendor_id\t: " + vendor + "\nflags\t\t: " + flags + "\n");
        ProcessBuilder pb =
                new ProcessBuilder(
                        "bash",
                        SCRIPT.toString(),
                        "bash",
                        "-c",
                        "echo \"${OPENBLAS_CORETYPE:-none}\"; echo \"$SLIMKWS_BLAS_CORE_CHOICE\"");
        Map<String, String> env = pb.environment();
        env.put("SLIMKWS_CPUINFO", info.toString());
        env.remove("OPENBLAS_CORETYPE");
        if (userCore != null) {
            env.put("OPENBLAS_CORETYPE", userCore);
        }
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.strip().split("\n");
    }

    @Test
    void intelWithTheAvx512SetGetsSkylakeX() throws Exception {
        String[] r = run("GenuineIntel", AVX512 + " amx_tile", null);
        assertEquals("SKYLAKEX", r[0]);
        assertTrue(r[1].contains("chosen by environment/with-blas-core"), r[1]);
    }

    @Test
    void amdAndIntelWithoutTheFullSetKeepOpenBlasDetection() throws Exception {
        assertEquals("none", run("AuthenticAMD", AVX512, null)[0]);
        String[] noVl = run("GenuineIntel", AVX512.replace(" avx512vl", ""), null);
        assertEquals("none", noVl[0]);
        assertTrue(noVl[1].contains("OpenBLAS's own detection"), noVl[1]);
    }

    @Test
    void aUsersCoreIsKeptAndSaidSo() throws Exception {
        String[] r = run("GenuineIntel", AVX512, "HASWELL");
        assertEquals("HASWELL", r[0]);
        assertTrue(r[1].contains("set by you, kept"), r[1]);
    }
}
