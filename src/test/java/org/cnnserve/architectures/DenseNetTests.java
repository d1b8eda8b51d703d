package org.cnnserve.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class DenseNetTests {

    private final DenseNet densenet121 = new DenseNet("densenet121", 64, 32, 6, 12, 24, 16);

    @Test
    void blocksAndTransitionsHaveTorchvisionsShapesAt224() {
        Map<String, InputType> shapes = densenet121
                .configuration(new InputShape(224, 224, 3), 1000, new NeuralNetConfiguration.Builder())
                .getLayerActivationTypes(InputType.convolutional(224, 224, 3));
        assertThat(ResNetVariantTests.hwc(shapes.get("pool0"))).isEqualTo("56x56x64");
        assertThat(ResNetVariantTests.hwc(shapes.get("block1_layer1_1_conv"))).isEqualTo("56x56x128");
        assertThat(ResNetVariantTests.hwc(shapes.get("block1_layer6_cat"))).isEqualTo("56x56x256");
        assertThat(ResNetVariantTests.hwc(shapes.get("transition1_pool"))).isEqualTo("28x28x128");
        assertThat(ResNetVariantTests.hwc(shapes.get("block2_layer12_cat"))).isEqualTo("28x28x512");
        assertThat(ResNetVariantTests.hwc(shapes.get("transition3_pool"))).isEqualTo("7x7x512");
        assertThat(ResNetVariantTests.hwc(shapes.get("norm5"))).isEqualTo("7x7x1024");
    }

    @Test
    void eachDenseLayerConcatenatesItsNewFeaturesAfterItsInput() {
        ComputationGraph graph = new ComputationGraph(densenet121
                .configuration(new InputShape(32, 32, 3), 10, new NeuralNetConfiguration.Builder().seed(1)));
        graph.init();
        Map<String, INDArray> activations = graph.feedForward(Nd4j.rand(new int[] {1, 3, 32, 32}), false);
        INDArray in = activations.get("pool0");
        INDArray cat = activations.get("block1_layer1_cat");
        assertThat(cat.size(1)).isEqualTo(64 + 32);
        assertThat(cat.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 64), NDArrayIndex.all(), NDArrayIndex.all()))
                .isEqualTo(in);
        assertThat(cat.get(NDArrayIndex.all(), NDArrayIndex.interval(64, 96), NDArrayIndex.all(), NDArrayIndex.all()))
                .isEqualTo(activations.get("block1_layer1_2_conv"));
    }

    @Test
    void anInputTooSmallForTheDownsamplingIsRejectedWithTheRule() {
        assertThatThrownBy(() -> densenet121.configuration(new InputShape(31, 64, 3), 10,
                new NeuralNetConfiguration.Builder()))
                .hasMessage("densenet121 downsamples 32x and needs an input of at least 32x32, was 31x64x3");
    }

    @Test
    void describesItselfAsDenseNet121() {
        assertThat(densenet121.description()).startsWith("DenseNet-121 (Huang et al. 2017)");
    }
}
