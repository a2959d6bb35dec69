package io.slimkws.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class FiguresTest {
    /**
     * Column (1, 2, 3): mean 2, population sd √(2/3), so ∓√(3/2) and 0; a constant column becomes
     * 0.
     */
    @Test
    void standardizeColumnsByHand() {
        float[][] rows = {{1, 5}, {2, 5}, {3, 5}};
        float[][] z = Figures.standardizeColumns(rows);
        float s = (float) Math.sqrt(1.5);
        assertArrayEquals(new float[] {-s, 0}, z[0], 1e-6f);
        assertArrayEquals(new float[] {0, 0}, z[1], 1e-6f);
        assertArrayEquals(new float[] {s, 0}, z[2], 1e-6f);
        assertArrayEquals(new float[] {1, 5}, rows[0], 0f, "input left unchanged");
    }
}
