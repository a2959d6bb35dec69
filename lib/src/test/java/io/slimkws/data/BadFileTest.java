package io.slimkws.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console names every bad file, or the first 20 and where the full list is. */
class BadFileTest {
    @TempDir Path tmp;

    private static List<BadFile> bad(int n) {
        List<BadFile> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new BadFile(Path.of("/d/yes/bad_" + i + ".wav"), "8-bit samples"));
        }
        return out;
    }

    @Test
    void eightAreAllNamed() throws Exception {
        String s = BadFile.summary(bad(8), Path.of("/d"), tmp.resolve("list.txt"));
        for (int i = 0; i < 8; i++) {
            assertTrue(s.contains("/d/yes/bad_" + i + ".wav: 8-bit samples"), s);
        }
        assertTrue(s.startsWith("8 bad file(s) in /d left out"), s);
        assertFalse(Files.exists(tmp.resolve("list.txt")));
    }

    @Test
    void twentyFiveNameTwentyAndTheFullList() throws Exception {
        Path list = tmp.resolve("cache").resolve("list.txt");
        String s = BadFile.summary(bad(25), Path.of("/d"), list);
        assertTrue(s.contains("bad_19.wav") && !s.contains("bad_20.wav"), s);
        assertTrue(s.contains("... and 5 more; the full list is in " + list), s);
        assertEquals(25, Files.readAllLines(list).size());
        assertTrue(Files.readAllLines(list).get(24).endsWith("bad_24.wav: 8-bit samples"));
    }
}
