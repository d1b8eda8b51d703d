package org.cnnserve.training;

import org.cnnserve.architectures.Architecture;
import org.cnnserve.architectures.InputShape;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The graph serving gets from a trained one: the architecture's inference configuration, every one of
 * whose layers takes the trained layer's parameters by name. What only training has is left behind:
 * GoogLeNet's auxiliary classifiers, and ResNet's stochastic-depth adds, which become plain adds.
 */
final class InferenceGraph {

    private InferenceGraph() {
    }

    static ComputationGraph of(ComputationGraph trained, Architecture architecture, InputShape input, int classes,
                               long seed) {
        ComputationGraph inference = new ComputationGraph(architecture.configuration(input, classes,
                new NeuralNetConfiguration.Builder().seed(seed)));
        inference.init();
        for (Layer layer : inference.getLayers()) {
            String name = layer.getConfig().getLayerName();
            Layer source = trained.getLayer(name);
            if (source == null || source.numParams() != layer.numParams()) {
                throw new IllegalStateException("the training graph of " + architecture.name() + " has no layer '"
                        + name + "' of " + layer.numParams() + " parameters");
            }
            if (layer.numParams() > 0) {
                layer.setParams(source.params().dup());
            }
        }
        return inference;
    }
}
