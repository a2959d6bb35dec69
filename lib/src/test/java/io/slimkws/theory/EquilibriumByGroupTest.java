package io.slimkws.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slimkws.NoiseClips;
import io.slimkws.data.Clip;
import io.slimkws.data.NoiseBank;
import io.slimkws.model.KwsCnn;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Theorem 1 group by group on a case worked by hand: which groups are zero, the split's size, and
 * w̄ left alone.
 */
class EquilibriumByGroupTest {
    @TempDir Path dir;

    private List<Clip> clips(int n) throws Exception {
        return NoiseClips.write(dir, n, 3, i -> i % 12);
    }

    @Test
    void countsTheZeroGroupsMeasuresTheSplitAndLeavesTheLatentWeightsAlone() throws Exception {
        MultiLayerNetwork latent = KwsCnn.build(7);
        INDArray before = latent.params().dup();
        INDArray w =
                latent.getLayer(KwsCnn.CONV2)
                        .getParam("W"); // [64 out, 64 in, 10, 4]: a group per input channel
        // ū: groups 0-9 exactly zero, the other 54 groups w̄ + 0.01 in every element.
        INDArray u = w.add(0.01);
        u.get(
                        NDArrayIndex.all(),
                        NDArrayIndex.interval(0, 10),
                        NDArrayIndex.all(),
                        NDArrayIndex.all())
                .assign(0);
        double beta = 2;
        NoiseBank noise = NoiseBank.load(List.of());
        List<Clip> clips = clips(24);

        // λ = 0: no zero group can satisfy ‖∇_g ℓ‖ ≤ 0; λ huge: all ten do.
        Equilibrium.ByGroup none = Equilibrium.byGroup(latent, u, beta, 0, clips, noise, 1, 5);
        Equilibrium.ByGroup all = Equilibrium.byGroup(latent, u, beta, 1e9, clips, noise, 1, 5);
        assertEquals(10, none.zeroGroups());
        assertEquals(0, none.zeroGroupsWithin());
        assertEquals(10, all.zeroGroupsWithin());
        // ‖β(ū_K − w̄_K)‖ over the 54 kept groups of 64 x 10 x 4 elements, each 0.01: 2 · 0.01 ·
        // √(54 · 2560).
        assertEquals(2 * 0.01 * Math.sqrt(54 * 64 * 40), all.keptScale(), 1e-4);
        assertEquals(100, all.samples()); // one augmented batch of 100
        // The same seed gives the same batches and masks: the residual is reproduced, and w̄ was
        // never written.
        assertEquals(none.keptResidual(), all.keptResidual(), 1e-12);
        assertEquals(0.0, latent.params().distance2(before), 0.0);
    }
}
