package org.cnnserve.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cnnserve.IntegrationTest;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

@IntegrationTest
class ArchitectureTests {

    private final ArchitectureCatalog catalog = ArchitectureCatalog.standard();

    private ComputationGraph build(String name, InputShape input, int classes) {
        var conf = catalog.require(name).configuration(input, classes, new NeuralNetConfiguration.Builder().seed(1));
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    @Test
    void leNet5HasTheParametersOfTheOriginalLayerSizes() {
        // C1 6*(5*5*1+1)=156, C3 16*(5*5*6+1)=2416, C5 (16*5*5)*120+120=48120, F6 120*84+84=10164,
        // output 84*10+10=850.
        ComputationGraph graph = build("lenet5", new InputShape(28, 28, 1), 10);
        assertThat(graph.numParams()).isEqualTo(156 + 2416 + 48120 + 10164 + 850).isEqualTo(61_706);
    }

    @Test
    void resNet50HasTorchvisionsParameterCountOnceBatchNormStatisticsAreSetAside() {
        ComputationGraph graph = build("resnet50", new InputShape(224, 224, 3), 1000);
        ParameterCounts counts = ParameterCounts.of(graph);
        // torchvision.models.resnet50: 25,557,032 parameters; 26,560 BN channels, each with a running
        // mean and variance that DL4J stores among its parameters.
        assertThat(counts.parameters()).isEqualTo(25_557_032L);
        assertThat(counts.buffers()).isEqualTo(2L * 26_560);
        assertThat(graph.numParams()).isEqualTo(counts.parameters() + counts.buffers());
    }

    @Test
    void resNet50RunsAForwardPassAtASmallInput() {
        ComputationGraph graph = build("resnet50", new InputShape(64, 64, 3), 7);
        INDArray out = graph.outputSingle(false, Nd4j.rand(new int[] {2, 3, 64, 64}));
        assertThat(out.shape()).containsExactly(2, 7);
        assertThat(out.sumNumber().doubleValue()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void anInputTooSmallForTheDownsamplingIsRejectedWithTheRule() {
        assertThatThrownBy(() -> build("resnet50", new InputShape(16, 16, 3), 10))
                .hasMessageContaining("at least 32x32");
    }

    @Test
    void inputShapesParseAndStateTheirRules() {
        assertThat(InputShape.parse("224x224x3")).isEqualTo(new InputShape(224, 224, 3));
        assertThatThrownBy(() -> InputShape.parse("224x224")).hasMessageContaining("HxWxC");
        assertThatThrownBy(() -> InputShape.parse("0x224x3")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> InputShape.parse("8x8x2")).hasMessageContaining("1 (grey) or 3 (RGB)");
    }
}
