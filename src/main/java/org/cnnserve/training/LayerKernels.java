package org.cnnserve.training;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Builds graphs whose layers train on libnd4j's native ops. By default DL4J 1.0.0-M2.1 runs every
 * convolution as im2col + gemm driven from Java, which spends most of a training step copying
 * (a profile of {@code vgg_small}: im2col alone 42% of the step, gemm 12%). With its layer helpers
 * on, convolution, batch normalisation and pooling layers call libnd4j's ops (oneDNN) forward and
 * backward instead: 2.8-4.9x more images per second on the small networks (docs/benchmarks.md), with
 * gradients within 2.3e-3 of a double-precision reference over all parameters, where DL4J's own
 * path is within 7.6e-4 ({@code LayerKernelsTests}). DL4J only turns
 * them on through a system property it reads as each layer is created, so that property is set
 * for the duration of {@link #build} alone; see {@link org.nd4j.nativeblas.Nd4jCpu} for the lookup
 * they also need.
 */
public final class LayerKernels {

    /** DL4J's switch; its default is {@code true}. */
    private static final String DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

    private LayerKernels() {
    }

    /** An initialised graph whose layers use native helpers wherever DL4J has one for them. */
    public static ComputationGraph build(ComputationGraphConfiguration configuration) {
        synchronized (LayerKernels.class) {
            String previous = System.getProperty(DISABLE_PROPERTY);
            System.setProperty(DISABLE_PROPERTY, "false");
            try {
                ComputationGraph graph = new ComputationGraph(configuration);
                graph.init();
                return graph;
            } finally {
                if (previous == null) {
                    System.clearProperty(DISABLE_PROPERTY);
                } else {
                    System.setProperty(DISABLE_PROPERTY, previous);
                }
            }
        }
    }

    /** How many of the graph's layers run on a native helper, e.g. "15 of 24 layers on native ops". */
    public static String describe(ComputationGraph graph) {
        int helped = 0;
        for (Layer layer : graph.getLayers()) {
            if (layer.getHelper() != null) {
                helped++;
            }
        }
        return helped + " of " + graph.getLayers().length + " layers on native ops";
    }
}
