package io.slimkws.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class KwsCnnTest {

    @Test
    void parameterCountIsTheRecipes() {
        MultiLayerNetwork net = KwsCnn.build(7);
        // Hand-derived: conv1 20*8*1*64+64, conv2 10*4*64*64+64, fc 49*20*64*12+12.
        assertEquals(10_304, net.getLayer(KwsCnn.CONV1).numParams());
        assertEquals(163_904, net.getLayer(KwsCnn.CONV2).numParams());
        assertEquals(752_652, net.getLayer(KwsCnn.FC).numParams());
        assertEquals(926_860, net.numParams());
    }

    @Test
    void conv2WeightsAreOutInKernelShaped() {
        MultiLayerNetwork net = KwsCnn.build(7);
        assertArrayEquals(
                new long[] {64, 64, 10, 4}, net.getLayer(KwsCnn.CONV2).getParam("W").shape());
    }
}
