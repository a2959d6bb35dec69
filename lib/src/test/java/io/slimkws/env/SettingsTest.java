package io.slimkws.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** SLIMKWS_SEEDS (./reproduce --seeds N): what is accepted, and the error for what is not. */
class SettingsTest {
    @Test
    void seedsDefaultToOneAndTakeAWholeNumber() {
        assertEquals(1, Settings.seeds(null));
        assertEquals(1, Settings.seeds(" "));
        assertEquals(3, Settings.seeds("3"));
    }

    @Test
    void zeroNegativeAndNonNumericSeedsAreRefusedNamingTheOption() {
        for (String bad : new String[] {"0", "-2", "two", "1.5"}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> Settings.seeds(bad));
            assertTrue(
                    e.getMessage().contains("--seeds") && e.getMessage().contains("'" + bad + "'"),
                    e.getMessage());
        }
    }
}
