package org.cnnserve.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The SubsetVertex-per-group construction that stands in for a grouped convolution. */
class GroupedConvolutionTests {

    private static final int CHANNELS = 8;
    private static final int GROUPS = 4;

    private static GraphBuilder builder() {
        return new NeuralNetConfiguration.Builder().seed(3).weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Truncate).graphBuilder()
                .addInputs("input").setInputTypes(InputType.convolutional(6, 6, CHANNELS));
    }

    private static ComputationGraphConfiguration grouped() {
        GraphBuilder g = builder();
        ResNetBlocks.groupedConv(g, "gc", "input", CHANNELS, GROUPS, 2);
        return g.setOutputs("gc_conv").build();
    }

    @Test
    void equalsAConvolutionWhoseWeightsAreBlockDiagonalOverTheGroups() {
        ComputationGraph grouped = new ComputationGraph(grouped());
        grouped.init();
        ComputationGraph dense = new ComputationGraph(builder()
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).stride(2, 2).padding(1, 1).nOut(CHANNELS)
                        .hasBias(false).activation(Activation.IDENTITY).build(), "input")
                .setOutputs("conv").build());
        dense.init();
        // A grouped convolution is a full one whose weights [out, in, kh, kw] are zero between groups.
        int perGroup = CHANNELS / GROUPS;
        INDArray weights = Nd4j.zeros(DataType.FLOAT, CHANNELS, CHANNELS, 3, 3);
        for (int k = 0; k < GROUPS; k++) {
            weights.get(NDArrayIndex.interval(k * perGroup, (k + 1) * perGroup),
                            NDArrayIndex.interval(k * perGroup, (k + 1) * perGroup),
                            NDArrayIndex.all(), NDArrayIndex.all())
                    .assign(grouped.getLayer("gc_g" + k + "_conv").getParam("W"));
        }
        dense.getLayer("conv").setParam("W", weights);

        INDArray x = Nd4j.rand(DataType.FLOAT, 2, CHANNELS, 6, 6);
        INDArray expected = dense.outputSingle(false, x);
        INDArray actual = grouped.outputSingle(false, x);
        assertThat(actual.shape()).containsExactly(2, CHANNELS, 3, 3);
        assertThat(actual.equalsWithEps(expected, 1e-5)).as("grouped %s vs dense %s", actual, expected).isTrue();
        assertThat(grouped.numParams()).isEqualTo(CHANNELS * CHANNELS * 9L / GROUPS);
    }

    @Test
    void dl4jsOwnSubsetVertexMiscountsConvolutionalChannelsWhichTheSubclassCorrects() {
        InputType in = InputType.convolutional(5, 5, CHANNELS);
        // DL4J 1.0.0-M2.1 computes from - to + 1; if this starts failing, DL4J has fixed it.
        assertThat(((InputType.InputTypeConvolutional) new SubsetVertex(0, 3).getOutputType(0, in)).getChannels())
                .isEqualTo(-2);
        assertThat(ResNetVariantTests.hwc(new ChannelSubsetVertex(4, 7).getOutputType(0, in))).isEqualTo("5x5x4");
        assertThatThrownBy(() -> new ChannelSubsetVertex(4, 8).getOutputType(0, in))
                .hasMessageContaining("channel range [4, 8] must lie within the 8 input channels");
    }

    @Test
    void survivesCloningAndAJsonRoundTripAsTheCorrectingVertex() {
        ComputationGraphConfiguration conf = grouped();
        assertThat(conf.getVertices().get("gc_g1_in")).isInstanceOf(ChannelSubsetVertex.class);
        assertThat(conf.clone().getVertices().get("gc_g1_in")).isInstanceOf(ChannelSubsetVertex.class);

        ComputationGraphConfiguration restored = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertThat(restored).isEqualTo(conf);
        assertThat(restored.getVertices().get("gc_g1_in")).isInstanceOf(ChannelSubsetVertex.class);
        SubsetVertex slice = (SubsetVertex) restored.getVertices().get("gc_g1_in");
        assertThat(slice.getFrom()).isEqualTo(2);
        assertThat(slice.getTo()).isEqualTo(3);
        // Type inference on the restored configuration still gives each group's convolution 2 inputs.
        restored.getLayerActivationTypes(InputType.convolutional(6, 6, CHANNELS));
        ComputationGraph graph = new ComputationGraph(restored);
        graph.init();
        assertThat(graph.getLayer("gc_g3_conv").getParam("W").shape()).containsExactly(2, 2, 3, 3);
    }
}
