package io.slimkws.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slimkws.data.Clip;
import io.slimkws.data.Split;
import io.slimkws.theory.ToyRgsm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Notebook 05's helpers on hand-made inputs. */
class Theorem1Test {
    private static ToyRgsm.Iterate at(int t, double lagrangian) {
        return new ToyRgsm.Iterate(t, lagrangian, 0, 0, 0, 0, 0);
    }

    @Test
    void aLagrangianThatRisesOnceIsCaughtAndRoundingIsNot() {
        assertTrue(
                Theorem1.lagrangianNonIncreasing(
                        List.of(at(0, 3), at(1, 2), at(2, 2 + 1e-13), at(3, 1))));
        assertFalse(
                Theorem1.lagrangianNonIncreasing(
                        List.of(at(0, 3), at(1, 2), at(2, 2.001), at(3, 1))));
    }

    @Test
    void theSampleIsSpreadOverTheWholeListNotItsHead() {
        List<Clip> clips = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            clips.add(
                    new Clip(
                            Path.of("c" + i + ".wav"),
                            i % 3,
                            "w" + i % 3,
                            "s" + i,
                            Split.TRAINING));
        }
        // 10 clips, 3 wanted: every 10 / 3 = 3rd, from the first: 0, 3, 6.
        assertEquals(List.of(clips.get(0), clips.get(3), clips.get(6)), Theorem1.spread(clips, 3));
        assertEquals(clips, Theorem1.spread(clips, 0));
        assertEquals(clips, Theorem1.spread(clips, 50));
    }
}
