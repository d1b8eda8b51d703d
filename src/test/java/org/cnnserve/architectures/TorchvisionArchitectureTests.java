package org.cnnserve.architectures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.cnnserve.IntegrationTest;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The torchvision-layout ResNet variants and DenseNet-121: exact parameter counts at 224x224x3
 * with 1000 classes, and forward passes at full size and at the smallest input they accept.
 */
@IntegrationTest
class TorchvisionArchitectureTests {

    /**
     * Architecture, torchvision's parameter count ({@code sum(p.numel() for p in m.parameters())})
     * and its BatchNorm channels (each has a running mean and variance, which DL4J stores among its
     * parameters).
     */
    static Stream<Arguments> architectures() {
        return Stream.of(
                expect(new ResNet("resnet18", ResNet.Block.BASIC, 1, 64, 2, 2, 2, 2), 11_689_512L, 4_800),
                expect(new ResNet("resnet34", ResNet.Block.BASIC, 1, 64, 3, 4, 6, 3), 21_797_672L, 8_512),
                expect(new ResNet("resnet101", 3, 4, 23, 3), 44_549_160L, 52_672),
                expect(new ResNet("resnet152", 3, 8, 36, 3), 60_192_808L, 75_712),
                expect(new ResNet("wide_resnet50_2", ResNet.Block.BOTTLENECK, 1, 128, 3, 4, 6, 3),
                        68_883_240L, 34_112),
                expect(new ResNet("resnext50_32x4d", ResNet.Block.BOTTLENECK, 32, 4, 3, 4, 6, 3),
                        25_028_904L, 34_112),
                expect(new DenseNet("densenet121", 64, 32, 6, 12, 24, 16), 7_978_856L, 41_824));
    }

    private static Arguments expect(Architecture architecture, long parameters, int batchNormChannels) {
        return Arguments.of(Named.of(architecture.name(), architecture), parameters, batchNormChannels);
    }

    private static ComputationGraph build(Architecture architecture, InputShape input, int classes) {
        ComputationGraph graph = new ComputationGraph(
                architecture.configuration(input, classes, new NeuralNetConfiguration.Builder().seed(1)));
        graph.init();
        return graph;
    }

    // One graph per architecture serves both checks: building resnet152 or wide_resnet50_2 at full
    // size takes seconds on two cores.
    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void hasTorchvisionsParameterCountAndClassifiesAFullSizeImage(Architecture architecture, long parameters,
                                                                 int batchNormChannels) {
        ComputationGraph graph = build(architecture, new InputShape(224, 224, 3), 1000);

        ParameterCounts counts = ParameterCounts.of(graph);
        assertThat(counts.parameters()).isEqualTo(parameters);
        assertThat(counts.buffers()).isEqualTo(2L * batchNormChannels);
        assertThat(graph.numParams()).isEqualTo(counts.parameters() + counts.buffers());

        INDArray out = graph.outputSingle(false, Nd4j.rand(new int[] {1, 3, 224, 224}));
        assertThat(out.shape()).containsExactly(1, 1000);
        assertThat(out.sumNumber().doubleValue()).isCloseTo(1.0, Offset.offset(1e-4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void runsAForwardPassAtTheSmallestInputItAccepts(Architecture architecture) {
        // 32x32 is the minimum each argument check states: both families downsample 32x.
        ComputationGraph graph = build(architecture, new InputShape(32, 32, 3), 10);
        INDArray out = graph.outputSingle(false, Nd4j.rand(new int[] {2, 3, 32, 32}));
        assertThat(out.shape()).containsExactly(2, 10);
        assertThat(out.sumNumber().doubleValue()).isCloseTo(2.0, Offset.offset(1e-4));
    }
}
