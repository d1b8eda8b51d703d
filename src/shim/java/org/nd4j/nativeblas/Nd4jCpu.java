package org.nd4j.nativeblas;

/**
 * An adapter for a lookup that DL4J 1.0.0-M2.1 gets wrong. Before it gives a layer its oneDNN
 * helper (native conv2d/conv2d_bp, batchnorm, pooling ops in place of im2col driven from Java),
 * {@code BaseMKLDNNHelper.mklDnnEnabled()} loads {@code org.nd4j.nativeblas.Nd4jCpu$Environment}
 * by name and calls {@code getInstance().isUseMKLDNN()}. ND4J's CPU backend has that class under
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings} instead, so without this class the lookup throws,
 * DL4J records a failed check and no layer ever gets a helper. The lookup upstream:
 * https://github.com/deeplearning4j/deeplearning4j/blob/master/deeplearning4j/deeplearning4j-nn/src/main/java/org/deeplearning4j/nn/layers/mkldnn/BaseMKLDNNHelper.java
 *
 * <p>It lives in its own source folder ({@code src/shim/java}) because it has to sit in ND4J's
 * package, where a reader of {@code org.cnnserve} would not look for it; it is the only class
 * there. {@code Nd4jCpuShimTests} fails once DL4J stops looking this name up, or once ND4J ships
 * the class itself: then delete this folder and its {@code build-helper} entry in pom.xml.
 *
 * <p>This class answers yes: the helpers call libnd4j's own ops, which run on oneDNN in the
 * builds this project ships. DL4J still asks first whether the backend is the CPU one and whether
 * helpers are allowed, and only uses helpers at all when the system property
 * {@code org.eclipse.deeplearning4j.helpers.disable} is {@code false}, which only
 * {@code org.cnnserve.training.LayerKernels} sets.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    /** What {@code BaseMKLDNNHelper} calls, reflectively. */
    public static final class Environment {

        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        public boolean isUseMKLDNN() {
            return true;
        }
    }
}
