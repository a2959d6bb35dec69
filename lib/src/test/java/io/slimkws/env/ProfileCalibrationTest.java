package io.slimkws.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The calibration record of a profile: run name to compression factors, and clear errors otherwise.
 */
class ProfileCalibrationTest {
    private static JsonNode profile(String calibration) throws Exception {
        return new ObjectMapper().readTree("{\"id\": \"p\", \"calibration\": " + calibration + "}");
    }

    @Test
    void readsEachRunsFactorsInTheFilesOrder() throws Exception {
        Map<String, List<Double>> m =
                Profile.calibrationOf(profile("{\"stage2-0.05\": [30, 10], \"original\": [20]}"));
        assertEquals(List.of("stage2-0.05", "original"), List.copyOf(m.keySet()));
        assertEquals(List.of(30.0, 10.0), m.get("stage2-0.05"));
        assertEquals(
                Map.of(), Profile.calibrationOf(new ObjectMapper().readTree("{\"id\": \"p\"}")));
    }

    @Test
    void aListWhereARecordBelongsOrAKBelowOneIsNamed() throws Exception {
        String old =
                assertThrows(
                                IllegalStateException.class,
                                () -> Profile.calibrationOf(profile("[10, 20]")))
                        .getMessage();
        assertTrue(
                old.contains("profile p")
                        && old.contains("profiles.json")
                        && old.contains("map run names"),
                old);
        String low =
                assertThrows(
                                IllegalStateException.class,
                                () -> Profile.calibrationOf(profile("{\"original\": [0.5]}")))
                        .getMessage();
        assertTrue(
                low.contains("calibration of original")
                        && low.contains("k >= 1")
                        && low.contains("0.5"),
                low);
        String empty =
                assertThrows(
                                IllegalStateException.class,
                                () -> Profile.calibrationOf(profile("{\"original\": []}")))
                        .getMessage();
        assertTrue(empty.contains("calibration of original"), empty);
    }
}
