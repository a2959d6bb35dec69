package io.slimkws.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The one description of the network against hand counts and against the parameters DL4J builds
 * from it.
 */
class ArchitectureTest {
    @Test
    void parametersAndMacsByHand() {
        Architecture a = Architecture.KWS;
        // conv1 20·8·64 + 64 = 10,304; conv2 10·4·64·64 + 64 = 163,904; fc 49·20·64·12 + 12 =
        // 752,652.
        assertEquals(926_860, a.parameters(64));
        assertEquals(62_720, a.fcInputs());
        // 28 channels kept: conv1 20·8·28 + 28 = 4,508; conv2 10·4·28·64 + 64 = 71,744; fc
        // unchanged.
        assertEquals(4_508 + 71_744 + 752_652, a.parameters(28));
        // MACs: conv1 98·40·64·160 = 40,140,800; conv2 49·20·64·40·64 = 160,563,200; fc 752,640.
        assertArrayEquals(new long[] {40_140_800L, 160_563_200L, 752_640L}, a.macs(64));
    }

    @Test
    void theDl4jNetworksHaveExactlyTheseParameters() {
        assertEquals(Architecture.KWS.parameters(64), KwsCnn.build(1).numParams());
        ChannelMask half = ChannelMask.parse("1".repeat(32) + "0".repeat(32));
        assertEquals(
                Architecture.KWS.parameters(32),
                PrunedNetwork.of(KwsCnn.build(1), half).numParams());
    }
}
