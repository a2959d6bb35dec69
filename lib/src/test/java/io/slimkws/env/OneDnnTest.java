package io.slimkws.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slimkws.model.KwsCnn;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Without oneDNN, M2.1 trains this model about 3x slower and says nothing: this test makes that
 * regression loud. It fails if any of the three pieces (the -onednn natives, the helpers property,
 * the Nd4jCpu$Environment shim) goes missing.
 */
class OneDnnTest {
    /**
     * Platforms where nd4j publishes no oneDNN build run the plain one: a warning (skipped here),
     * not a failure.
     */
    private static void assumeOneDnnBuild() {
        Assumptions.assumeTrue(
                EnvironmentReport.nativeBuild().contains("onednn"),
                "WARNING: libnd4j "
                        + EnvironmentReport.nativeBuild()
                        + " has no oneDNN (none published for this platform): plain build");
    }

    @Test
    void nativeLibraryIsTheOneDnnBuild() {
        assertEquals("CPU", Nd4jSetup.backend());
        assumeOneDnnBuild();
        assertTrue(
                Nd4jSetup.oneDnnInNative(),
                "libnd4jcpu was not built with oneDNN: is the -onednn classifier on the"
                        + " classpath?");
        assertTrue(
                Nd4jSetup.oneDnnInDl4j(),
                "DL4J does not see oneDNN: the org.nd4j.nativeblas.Nd4jCpu$Environment shim is"
                        + " missing");
    }

    @Test
    void convAndPoolLayersRunOnTheOneDnnHelper() {
        assumeOneDnnBuild();
        MultiLayerNetwork net = KwsCnn.build(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, KwsCnn.FRAMES, KwsCnn.COEFFS);
        INDArray out = net.output(x);
        assertEquals(2, out.size(0));
        assertInstanceOf(
                MKLDNNConvHelper.class,
                ((ConvolutionLayer) net.getLayer(KwsCnn.CONV1)).getHelper(),
                "conv1 does not run on oneDNN");
        assertInstanceOf(
                MKLDNNConvHelper.class,
                ((ConvolutionLayer) net.getLayer(KwsCnn.CONV2)).getHelper(),
                "conv2 does not run on oneDNN");
        assertInstanceOf(
                MKLDNNSubsamplingHelper.class,
                ((SubsamplingLayer) net.getLayer(KwsCnn.POOL1)).getHelper(),
                "pool1 does not run on oneDNN");
    }
}
