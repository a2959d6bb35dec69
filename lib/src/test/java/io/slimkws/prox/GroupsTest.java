package io.slimkws.prox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class GroupsTest {
    /**
     * Group g of a [2, 4, 3, 1] tensor filled with c_g has norm |c_g|·√6 (6 weights in a group).
     */
    @Test
    void normsAndCountsOfHandBuiltGroups() {
        double[] c = {0, 1e-4, -0.002, 0.5};
        var w = Nd4j.zeros(DataType.FLOAT, 2, 4, 3, 1);
        for (int g = 0; g < 4; g++) {
            w.get(NDArrayIndex.all(), NDArrayIndex.point(g), NDArrayIndex.all(), NDArrayIndex.all())
                    .assign(c[g]);
        }
        double[] expected = {0, 1e-4 * Math.sqrt(6), 0.002 * Math.sqrt(6), 0.5 * Math.sqrt(6)};
        assertArrayEquals(expected, Groups.norms(w), 1e-6);
        double[] n = Groups.norms(w);
        assertEquals(1, Groups.countAtMost(n, 0.0), "exactly zero");
        assertEquals(
                3,
                Groups.countAtMost(n, 0.005),
                "norm at most 0.005 (0.0049 is below, 1.22 is not)");
        assertEquals(0.75, Groups.sparsity(w, 0.005), 1e-12);
        assertEquals(0.25, Groups.sparsity(w, 0.0), 1e-12);
    }
}
