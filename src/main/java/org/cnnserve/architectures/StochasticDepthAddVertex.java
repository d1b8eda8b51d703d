package org.cnnserve.architectures;

import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A residual block's add (branch, then shortcut) that drops the branch at random while training:
 * stochastic depth (Huang et al. 2016). Only training configurations use it; at test time the block
 * is a plain {@link ElementWiseVertex} add, so the trained weights serve without it.
 */
final class StochasticDepthAddVertex extends ElementWiseVertex {

    private final double dropProbability;

    StochasticDepthAddVertex(@JsonProperty("dropProbability") double dropProbability) {
        super(Op.Add);
        if (!(dropProbability >= 0 && dropProbability < 1)) {
            throw new IllegalArgumentException("a drop probability must be in [0, 1), was " + dropProbability);
        }
        this.dropProbability = dropProbability;
    }

    @JsonProperty("dropProbability")
    double dropProbability() {
        return dropProbability;
    }

    @Override
    public StochasticDepthAddVertex clone() {
        return new StochasticDepthAddVertex(dropProbability);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StochasticDepthAddVertex other && other.dropProbability == dropProbability;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(dropProbability) * 31 + 7;
    }

    @Override
    public GraphVertex instantiate(ComputationGraph graph, String name, int idx, INDArray paramsView,
                                   boolean initializeParams, DataType networkDatatype) {
        return new StochasticDepthAdd(graph, name, idx, dropProbability,
                graph.getConfiguration().getDefaultConfiguration().getSeed(), networkDatatype);
    }
}
