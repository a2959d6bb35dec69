package io.slimkws.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A binary network with channels removed, written as a slim model and read back, computes what the
 * binary network computes; the file is the size the format says; what is not binary is refused.
 */
class SlimModelTest {
    @TempDir Path tmp;

    /**
     * A random network made binary per layer (sign × mean |w|), with the removed channels zeroed as
     * Stage III leaves them.
     */
    private static MultiLayerNetwork binaryWithMask(ChannelMask mask) {
        MultiLayerNetwork net = KwsCnn.build(3);
        for (int layer : new int[] {KwsCnn.CONV1, KwsCnn.CONV2, KwsCnn.FC}) {
            INDArray w = net.getLayer(layer).getParam("W");
            // Random signs (a DL4J init can hold exact zeros, which sign() would keep), one scale
            // per layer.
            double a = Transforms.abs(w).meanNumber().doubleValue();
            w.assign(
                    Nd4j.rand(DataType.FLOAT, w.shape())
                            .gt(0.5)
                            .castTo(DataType.FLOAT)
                            .muli(2 * a)
                            .subi(a));
            net.getLayer(layer)
                    .getParam("b")
                    .assign(
                            Nd4j.rand(DataType.FLOAT, net.getLayer(layer).getParam("b").shape())
                                    .subi(0.5));
        }
        INDArray w1 = net.getLayer(KwsCnn.CONV1).getParam("W");
        INDArray w2 = net.getLayer(KwsCnn.CONV2).getParam("W");
        w1.muli(mask.filterMask(w1.shape(), w1.dataType()));
        w2.muli(mask.weightMask(w2.shape(), w2.dataType()));
        return net;
    }

    @Test
    void theLoadedModelGivesTheBinaryNetworksOutputs() throws Exception {
        StringBuilder m = new StringBuilder();
        for (int g = 0; g < 64; g++) {
            m.append(g % 3 == 0 ? '0' : '1'); // 22 removed, 42 kept, scattered
        }
        ChannelMask mask = ChannelMask.parse(m.toString());
        MultiLayerNetwork binary = binaryWithMask(mask);
        Path f = tmp.resolve("slim.skws");
        long size = SlimModel.write(binary, mask, f);
        SlimModel.Loaded back = SlimModel.read(f);
        assertEquals(mask.toString(), back.mask().toString());
        INDArray x = Nd4j.randn(DataType.FLOAT, 5, 1, KwsCnn.FRAMES, KwsCnn.COEFFS);
        double diff = binary.output(x, false).distance1(back.network().output(x, false));
        assertTrue(diff < 1e-4, "outputs differ by " + diff);
        // Header 4·4 + 42·4; per layer: rank 4 + shape 8·rank + scale 4 + bits + biases 4 + 4·nb.
        long conv1 = 4 + 8 * 4 + 4 + (42 * 160 + 7) / 8 + 4 + 4 * 42;
        long conv2 = 4 + 8 * 4 + 4 + (64 * 42 * 40 + 7) / 8 + 4 + 4 * 64;
        long fc = 4 + 8 * 2 + 4 + (62_720L * 12 + 7) / 8 + 4 + 4 * 12;
        assertEquals(16 + 42 * 4 + conv1 + conv2 + fc, size);
        assertEquals(size, Files.size(f));
    }

    @Test
    void aFloatNetworkIsRefusedAndAForeignOrCutFileIsNamed() throws Exception {
        ChannelMask all = ChannelMask.all(64);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SlimModel.write(KwsCnn.build(1), all, tmp.resolve("float.skws")));
        assertTrue(e.getMessage().contains("conv1 is not binary"), e.getMessage());
        Path foreign =
                Files.write(tmp.resolve("foreign.skws"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertTrue(
                assertThrows(IOException.class, () -> SlimModel.read(foreign))
                        .getMessage()
                        .contains("not a slimkws slim model"));
        Path whole = tmp.resolve("whole.skws");
        SlimModel.write(binaryWithMask(all), all, whole);
        byte[] b = Files.readAllBytes(whole);
        Path cut = Files.write(tmp.resolve("cut.skws"), Arrays.copyOf(b, b.length / 2));
        assertTrue(
                assertThrows(IOException.class, () -> SlimModel.read(cut))
                        .getMessage()
                        .contains("cut short"));
    }
}
