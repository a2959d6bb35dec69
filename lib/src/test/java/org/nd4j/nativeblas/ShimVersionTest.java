package org.nd4j.nativeblas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The oneDNN shim answers one DL4J version's lookup: a change of that version in the POM must
 * revisit it.
 */
class ShimVersionTest {
    @Test
    void theShimPatchesTheDl4jVersionOfThePom() throws Exception {
        String pom = Files.readString(Path.of("..", "pom.xml"));
        Matcher m = Pattern.compile("<dl4j.version>([^<]+)</dl4j.version>").matcher(pom);
        assertTrue(m.find(), "no <dl4j.version> in the parent pom.xml");
        assertEquals(
                Nd4jCpu.PATCHES,
                m.group(1),
                "the shim src/shim/java/org/nd4j/nativeblas/Nd4jCpu.java was written for DL4J "
                        + Nd4jCpu.PATCHES
                        + " and the POM now asks for "
                        + m.group(1)
                        + ": check that DL4J still looks oneDNN up under"
                        + " org.nd4j.nativeblas.Nd4jCpu$Environment, then update Nd4jCpu.PATCHES");
    }

    @Test
    void theShimFindsTheCpuBackendsOneDnnSwitch() {
        // Without the real environment class the shim answers false and oneDNN stays off silently.
        assertTrue(Nd4jCpu.Environment.getInstance() != null);
        assertTrue(Nd4j.getBackend().getClass().getName().contains("Cpu"), "CPU backend expected");
    }
}
