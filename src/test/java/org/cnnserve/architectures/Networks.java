package org.cnnserve.architectures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.assertj.core.data.Offset;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Builds architectures and checks their outputs, for the architecture tests. */
final class Networks {

    static final InputShape IMAGENET = new InputShape(224, 224, 3);

    private Networks() {
    }

    static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(1);
    }

    static ComputationGraph build(Architecture architecture, InputShape input, int classes) {
        return init(architecture.configuration(input, classes, base()));
    }

    static ComputationGraph init(ComputationGraphConfiguration conf) {
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    static long parameters(Architecture architecture, InputShape input, int classes) {
        return ParameterCounts.of(build(architecture, input, classes)).parameters();
    }

    /** Runs a batch of random images through the inference graph and checks it yields probabilities. */
    static void assertForwardPassYieldsProbabilities(Architecture architecture, InputShape input, int classes,
                                                     int batch) {
        ComputationGraph graph = build(architecture, input, classes);
        INDArray out = graph.outputSingle(false, Nd4j.rand(new int[] {batch, input.channels(), input.height(),
                input.width()}));
        assertThat(out.shape()).containsExactly(batch, classes);
        assertThat(out.minNumber().doubleValue()).isGreaterThanOrEqualTo(0.0);
        for (double rowSum : out.sum(1).toDoubleVector()) {
            assertThat(rowSum).isCloseTo(1.0, Offset.offset(1e-4));
        }
    }

    /** The side of a vertex's (square) output maps, as the configuration infers them. */
    static int side(ComputationGraphConfiguration conf, InputShape input, String vertex) {
        InputType.InputTypeConvolutional type = type(conf, input, vertex);
        assertThat(type.getWidth()).as("maps of %s are square", vertex).isEqualTo(type.getHeight());
        return (int) type.getHeight();
    }

    /** The number of maps a vertex outputs, as the configuration infers it. */
    static long channels(ComputationGraphConfiguration conf, InputShape input, String vertex) {
        return type(conf, input, vertex).getChannels();
    }

    private static InputType.InputTypeConvolutional type(ComputationGraphConfiguration conf, InputShape input,
                                                         String vertex) {
        Map<String, InputType> types = conf.getLayerActivationTypes(
                InputType.convolutional(input.height(), input.width(), input.channels()));
        assertThat(types).containsKey(vertex);
        return (InputType.InputTypeConvolutional) types.get(vertex);
    }
}
