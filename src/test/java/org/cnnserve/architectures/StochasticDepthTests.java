package org.cnnserve.architectures;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The stochastic-depth add: dropped or scaled while training, the plain sum at test time. */
class StochasticDepthTests {

    private static final double DROP = 0.5;

    /** input -> 1x1 conv "branch" (weight 1, no bias) -> add(branch, input): the kept sum is input + 2 input. */
    private static ComputationGraph block() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).graphBuilder()
                .addInputs("input").setInputTypes(InputType.convolutional(4, 4, 1))
                .addLayer("branch", new ConvolutionLayer.Builder(1, 1).nOut(1).hasBias(false)
                        .activation(Activation.IDENTITY).build(), "input")
                .addVertex("add", new StochasticDepthAddVertex(DROP), "branch", "input")
                .setOutputs("add").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        graph.getLayer("branch").setParams(Nd4j.ones(DataType.FLOAT, 1, 1));
        return graph;
    }

    @Test
    void whileTrainingTheBranchIsDroppedAboutAsOftenAsAskedAndAKeptBranchIsScaled() {
        ComputationGraph graph = block();
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 4, 4).addi(0.1);
        int dropped = 0;
        int passes = 400;
        for (int i = 0; i < passes; i++) {
            INDArray out = graph.feedForward(new INDArray[] {x}, true, false).get("add");
            if (out.equalsWithEps(x, 1e-6)) {
                dropped++;
            } else {
                assertThat(out.equalsWithEps(x.mul(1 + 1 / (1 - DROP)), 1e-5)).as("a kept branch, scaled").isTrue();
            }
        }
        assertThat(dropped).isBetween(150, 250);
    }

    @Test
    void atTestTimeTheBlockIsThePlainSum() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 4, 4);

        INDArray out = block().outputSingle(false, x);

        assertThat(out.equalsWithEps(x.mul(2), 1e-6)).isTrue();
    }

    @Test
    void aDroppedBranchGetsNoGradient() {
        ComputationGraph graph = block();
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 4, 4).addi(0.1);
        boolean sawDropped = false;
        boolean sawKept = false;
        for (int i = 0; i < 40 && !(sawDropped && sawKept); i++) {
            var activations = graph.feedForward(new INDArray[] {x}, true, false);
            boolean dropped = activations.get("add").equalsWithEps(x, 1e-6);
            var gradient = graph.backpropGradient(Nd4j.ones(DataType.FLOAT, 2, 1, 4, 4)).getGradientFor("branch_W");
            if (dropped) {
                assertThat(gradient.sumNumber().doubleValue()).isZero();
                sawDropped = true;
            } else {
                assertThat(gradient.sumNumber().doubleValue()).isEqualTo(x.sumNumber().doubleValue() / (1 - DROP),
                        org.assertj.core.api.Assertions.within(1e-3));
                sawKept = true;
            }
        }
        assertThat(sawDropped && sawKept).isTrue();
    }

    /** resnet-fashion v1 was saved with its stochastic-depth adds; the registry analyses it before serving. */
    @Test
    void theArchitectureAnalysisCountsTheTrainingGraphsAddsAsAdds() {
        InputShape input = new InputShape(28, 28, 1);
        Architecture resnet = ArchitectureCatalog.standard().require("resnet_small");
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder().seed(1);

        Analysis training = ArchitectureAnalysis.of(resnet.trainingConfiguration(input, 10, base), input);
        Analysis inference = ArchitectureAnalysis.of(resnet.configuration(input, 10, base), input);

        assertThat(training.totals()).isEqualTo(inference.totals());
    }
}
