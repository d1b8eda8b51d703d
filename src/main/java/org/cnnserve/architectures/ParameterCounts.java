package org.cnnserve.architectures;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A built network's size as the reference implementations count it: learnable parameters, and
 * separately the buffers that DL4J stores among its parameters (BatchNorm's running mean and its
 * running variance, kept as log10 of the standard deviation by default).
 */
public record ParameterCounts(long parameters, long buffers) {

    public static ParameterCounts of(ComputationGraph graph) {
        long buffers = 0;
        for (Layer layer : graph.getLayers()) {
            if (layer instanceof BatchNormalization) {
                for (Map.Entry<String, INDArray> p : layer.paramTable().entrySet()) {
                    if (!p.getKey().equals(BatchNormalizationParamInitializer.GAMMA)
                            && !p.getKey().equals(BatchNormalizationParamInitializer.BETA)) {
                        buffers += p.getValue().length();
                    }
                }
            }
        }
        return new ParameterCounts(graph.numParams() - buffers, buffers);
    }
}
