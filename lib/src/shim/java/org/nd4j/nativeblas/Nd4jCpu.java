package org.nd4j.nativeblas;

/**
 * Compatibility shim so that DL4J 1.0.0-M2.1 finds oneDNN.
 *
 * <p>M2.1's {@code BaseMKLDNNHelper} looks the native environment up by reflection under the pre-M2
 * name {@code org.nd4j.nativeblas.Nd4jCpu$Environment} and calls {@code isUseMKLDNN()}. The class
 * now lives at {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} with {@code
 * isUseONEDNN()}; without this shim the lookup fails silently and every conv and pooling layer
 * falls back to im2col+gemm (about 3x slower training here).
 *
 * <p>It lives in its own source root (src/shim/java) because it patches another project's package;
 * {@code ShimVersionTest} fails when the DL4J version in the POM moves away from {@link #PATCHES}.
 */
public final class Nd4jCpu {
    /** The DL4J version whose lookup this shim answers. */
    public static final String PATCHES = "1.0.0-M2.1";

    private Nd4jCpu() {}

    /** The old-name view of the native environment, delegating to the real one. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {}

        public static Environment getInstance() {
            return INSTANCE;
        }

        /**
         * The CPU backend's answer, looked up by reflection so that the library also compiles and
         * runs with the CUDA backend (no nd4j-native there: oneDNN is then simply off).
         */
        private static boolean realUseOneDnn() {
            try {
                Class<?> env =
                        Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
                Object instance = env.getMethod("getInstance").invoke(null);
                return (Boolean) env.getMethod("isUseONEDNN").invoke(instance);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false;
            }
        }

        public boolean isUseMKLDNN() {
            return realUseOneDnn();
        }

        public boolean isUseONEDNN() {
            return realUseOneDnn();
        }
    }
}
