package io.slimkws.env;

import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.Nd4jCpu;

/**
 * Brings ND4J up the way this project needs it: CPU backend, oneDNN helpers allowed, float32.
 *
 * <p>Call {@link #init()} before the first ND4J call. The JVM options written into the kernel spec
 * and the {@code reproduce} runner set the same properties; calling this as well makes unit tests
 * and plain {@code java} runs behave like notebooks.
 */
public final class Nd4jSetup {
    /** DL4J reads this to decide whether layer helpers (oneDNN) may be used at all. */
    public static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";

    private static volatile boolean done;

    private Nd4jSetup() {}

    public static synchronized void init() {
        if (done) {
            return;
        }
        if (System.getProperty(HELPERS_DISABLE) == null) {
            System.setProperty(HELPERS_DISABLE, "false");
        }
        // ND4J discovers its backend through the context class loader; inside a notebook kernel
        // that loader may not see the jars (IJava #65), so point it at ours for the first call.
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(Nd4jSetup.class.getClassLoader());
        try {
            Nd4j.getBackend();
            Nd4j.getEnvironment().allowHelpers(true);
        } finally {
            t.setContextClassLoader(before);
        }
        done = true;
    }

    /** Name of the ND4J backend in use, e.g. {@code CPU}. */
    public static String backend() {
        init();
        return String.valueOf(
                Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"));
    }

    /** Whether this JVM runs ND4J's CPU backend (nd4j-native); false under the CUDA backend. */
    public static boolean cpuBackend() {
        init();
        return Nd4j.getBackend().getClass().getName().contains("cpu");
    }

    /**
     * Whether the native library was built with, and has switched on, oneDNN. The CPU backend's
     * classes are reached by reflection: the backend seam that lets the library compile and run
     * with nd4j-cuda instead (where this is false).
     */
    public static boolean oneDnnInNative() {
        init();
        return Nd4jCpu.Environment.getInstance().isUseONEDNN();
    }

    /** Whether DL4J itself will hand conv and pooling layers to oneDNN (needs the shim class). */
    public static boolean oneDnnInDl4j() {
        init();
        return BaseMKLDNNHelper.mklDnnEnabled();
    }
}
