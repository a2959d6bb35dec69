package io.slimkws.prox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** L_β(u, w) = ℓ(w) + β P(u) + β/2 ||w − u||² on a case worked by hand. */
class LagrangianTest {
    @Test
    void twoGroupsOfOneWeight() {
        // conv weights [out 1, in 2, 1, 1]: two input-channel groups, w = (3, 4), u = (1, 0).
        var w =
                Nd4j.create(new double[] {3, 4}, new long[] {1, 2, 1, 1}, 'c')
                        .castTo(DataType.DOUBLE);
        var u =
                Nd4j.create(new double[] {1, 0}, new long[] {1, 2, 1, 1}, 'c')
                        .castTo(DataType.DOUBLE);
        // GL at λ = 0.5: P(u) = 0.5 (|1| + |0|) = 0.5; β = 2; ||w − u||² = 4 + 16 = 20; ℓ = 1: 1 +
        // 1 + 20 = 22.
        assertEquals(22.0, Lagrangian.of(1.0, 2.0, new GroupLassoProx(0.5), w, u), 1e-12);
        // GL0 at λ = 0.5: one nonzero group, P(u) = 0.5: the same 22; at λ = 3: 1 + 6 + 20 = 27.
        assertEquals(22.0, Lagrangian.of(1.0, 2.0, new GroupL0Prox(0.5), w, u), 1e-12);
        assertEquals(27.0, Lagrangian.of(1.0, 2.0, new GroupL0Prox(3), w, u), 1e-12);
    }
}
