package org.cnnserve.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.cnnserve.IntegrationTest;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

@IntegrationTest
class ArchitectureAnalysisTests {

    private static final ArchitectureCatalog CATALOG = ArchitectureCatalog.standard();

    private static ComputationGraphConfiguration conf(String name, InputShape input, int classes) {
        return CATALOG.require(name).configuration(input, classes, new NeuralNetConfiguration.Builder().seed(1));
    }

    @Test
    void leNet5RowsAreTheTextbookArithmetic() {
        Analysis a = ArchitectureAnalysis.of(conf("lenet5", new InputShape(28, 28, 1), 10), new InputShape(28, 28, 1));

        assertThat(a.rows()).extracting(Analysis.Row::name).containsExactly("c1", "s2", "c3", "s4", "c5", "f6", "output");
        assertThat(a.rows()).extracting(Analysis.Row::kind).containsExactly("conv", "pool", "conv", "pool", "fc", "fc", "fc");
        // C1: 5x5 pad 2 keeps 28x28; 6*(5*5*1+1) = 156 parameters; 28*28*6*25*1 MACs; a 5x5 field.
        Analysis.Row c1 = a.row("c1");
        assertThat(c1.output()).containsExactly(6L, 28L, 28L);
        assertThat(c1.parameters()).isEqualTo(156);
        assertThat(c1.macs()).isEqualTo(28 * 28 * 6 * 25).isEqualTo(117_600);
        assertThat(c1.activations()).isEqualTo(6 * 28 * 28);
        assertThat(c1.receptiveField()).isEqualTo(5);
        // S2: 2x2/2 halves the map, no parameters or MACs; the field grows by (2-1)*1 to 6, the jump doubles.
        Analysis.Row s2 = a.row("s2");
        assertThat(s2.output()).containsExactly(6L, 14L, 14L);
        assertThat(s2.parameters() + s2.macs()).isZero();
        assertThat(s2.receptiveField()).isEqualTo(6);
        assertThat(s2.jump()).isEqualTo(2);
        // C3: 14-5+1 = 10; 16*(5*5*6+1) = 2416; 10*10*16*25*6 = 240,000 MACs; field 6 + 4*2 = 14.
        Analysis.Row c3 = a.row("c3");
        assertThat(c3.output()).containsExactly(16L, 10L, 10L);
        assertThat(c3.parameters()).isEqualTo(2416);
        assertThat(c3.macs()).isEqualTo(240_000);
        assertThat(c3.receptiveField()).isEqualTo(14);
        // S4: 16x5x5, field 14 + 1*2 = 16, jump 4.
        assertThat(a.row("s4").output()).containsExactly(16L, 5L, 5L);
        assertThat(a.row("s4").receptiveField()).isEqualTo(16);
        // C5 sees all of S4's 5x5 map: 16 + 4*4 = 32, the 32x32 field LeNet-5 was designed for.
        Analysis.Row c5 = a.row("c5");
        assertThat(c5.output()).containsExactly(120L);
        assertThat(c5.parameters()).isEqualTo(400 * 120 + 120);
        assertThat(c5.macs()).isEqualTo(400 * 120);
        assertThat(c5.receptiveField()).isEqualTo(32);
        assertThat(a.row("f6").macs()).isEqualTo(120 * 84);
        assertThat(a.row("output").parameters()).isEqualTo(84 * 10 + 10);

        Analysis.Totals t = a.totals();
        assertThat(t.parameters()).isEqualTo(61_706);
        assertThat(t.buffers()).isZero();
        assertThat(t.macs()).isEqualTo(117_600 + 240_000 + 48_000 + 10_080 + 840);
        assertThat(t.activations()).isEqualTo(4704 + 1176 + 1600 + 400 + 120 + 84 + 10);
        assertThat(t.inputElements()).isEqualTo(784);
        assertThat(t.parameterBytes()).isEqualTo(4L * 61_706);
        assertThat(t.activationBytes()).isEqualTo(4L * (8094 + 784));
    }

    @Test
    void resNet50HasTorchvisionsParametersAndMultiplyAdds() {
        InputShape input = new InputShape(224, 224, 3);
        Analysis a = ArchitectureAnalysis.of(conf("resnet50", input, 1000), input);

        assertThat(a.totals().parameters()).isEqualTo(25_557_032L);
        assertThat(a.totals().buffers()).isEqualTo(53_120L);
        // torchvision publishes 4.09 GFLOPS for resnet50, counting a multiply-add once; convolutions
        // and the classifier (2048*1000 = 2,048,000) make exactly this.
        assertThat(a.totals().macs()).isEqualTo(4_089_184_256L);
        assertThat(Math.round(a.totals().macs() / 1e7) / 100.0).isEqualTo(4.09);
        assertThat(a.row("stem_conv").output()).containsExactly(64L, 112L, 112L);
        assertThat(a.row("stem_conv").macs()).isEqualTo(112L * 112 * 64 * 7 * 7 * 3);
        assertThat(a.row("s4b3_relu").output()).containsExactly(2048L, 7L, 7L);
        assertThat(a.row("avgpool").output()).containsExactly(2048L);
        // Rows keep the order the definition added the vertices in: a block reads top to bottom.
        assertThat(a.rows().subList(0, 18)).extracting(Analysis.Row::name).containsExactly(
                "stem_conv", "stem_bn", "stem_relu", "stem_pool",
                "s1b1_1_conv", "s1b1_1_bn", "s1b1_1_relu", "s1b1_2_conv", "s1b1_2_bn", "s1b1_2_relu",
                "s1b1_3_conv", "s1b1_3_bn", "s1b1_proj_conv", "s1b1_proj_bn", "s1b1_add", "s1b1_relu",
                "s1b2_1_conv", "s1b2_1_bn");
        assertThat(a.row("s1b1_add").inputs()).containsExactly("s1b1_3_bn", "s1b1_proj_bn");
    }

    @Test
    void resNet50sLastStageSeesA427PixelField() {
        InputShape input = new InputShape(224, 224, 3);
        Analysis a = ArchitectureAnalysis.of(conf("resnet50", input, 1000), input);
        // stem 7x7/2: 7, jump 2; max pool 3x3/2: 7+2*2 = 11, jump 4; stage 1, three 3x3 at jump 4:
        // 11+3*8 = 35; stage 2, the first 3x3 strided (v1.5): 35+2*4 = 43, jump 8, then 3 more: 43+3*16 = 91;
        // stage 3: 91+2*8 = 107, jump 16, +5*32 = 267; stage 4: 267+2*16 = 299, jump 32, +2*64 = 427.
        // (ResNet v1 strides the first 1x1 instead and reaches the often-quoted 483 = 427+8+16+32.)
        assertThat(a.row("s4b3_relu").receptiveField()).isEqualTo(427);
        assertThat(a.row("s4b3_relu").jump()).isEqualTo(32);
        assertThat(a.row("s3b6_relu").receptiveField()).isEqualTo(267);
        // The addition takes the wider branch: the 1x1 projection alone would see less.
        assertThat(a.row("s4b1_proj_bn").receptiveField()).isLessThan(a.row("s4b1_add").receptiveField());
        // Global pooling covers the whole 7x7 map: 427 + 6*32.
        assertThat(a.row("avgpool").receptiveField()).isEqualTo(619);
    }

    /** Every registered architecture, by name, so that networks added later are covered too. */
    static Stream<String> catalogue() {
        return CATALOG.all().stream().map(Architecture::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void theAnalysisCountsWhatTheBuiltGraphHolds(String name) {
        Architecture architecture = CATALOG.require(name);
        InputShape input = ReferenceInputs.of(architecture);
        ComputationGraphConfiguration conf = architecture.configuration(input, 1000,
                new NeuralNetConfiguration.Builder().seed(1));
        String before = conf.toJson();
        Analysis analysis = ArchitectureAnalysis.of(conf, input);
        assertThat(conf.toJson()).as("the analysis leaves the configuration as it was").isEqualTo(before);
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        ParameterCounts built = ParameterCounts.of(graph);
        graph.close(); // frees the weights now: VGG-16's are over half a gigabyte off-heap
        assertThat(analysis.totals().parameters()).as("parameters").isEqualTo(built.parameters());
        assertThat(analysis.totals().buffers()).as("buffers").isEqualTo(built.buffers());
        assertThat(analysis.outputs()).contains("output");
        assertThat(analysis.row("output").output()).containsExactly(1000L);
    }

    @Test
    void referenceInputsFollowTheNames() {
        assertThat(ReferenceInputs.of(CATALOG.require("resnet50"))).isEqualTo(new InputShape(224, 224, 3));
        assertThat(ReferenceInputs.of(named("alexnet2012"))).isEqualTo(new InputShape(227, 227, 3));
        assertThat(ReferenceInputs.of(named("alexnet"))).isEqualTo(new InputShape(224, 224, 3));
        assertThat(ReferenceInputs.of(CATALOG.require("lenet5"))).isEqualTo(new InputShape(28, 28, 1));
    }

    @Test
    void restrictingToAnOutputLeavesOutATrainingOnlyHead() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.convolutional(8, 8, 3))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).build(), "input")
                .addLayer("aux_fc", new DenseLayer.Builder().nOut(5).build(), "conv")
                .addLayer("aux", softmax(2), "aux_fc")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "conv")
                .addLayer("output", softmax(3), "pool")
                .setOutputs("output", "aux")
                .build();
        Analysis all = ArchitectureAnalysis.of(conf, new InputShape(8, 8, 3));
        Analysis inference = all.restrictedTo("output");

        long conv = 3 * 3 * 3 * 4 + 4;
        assertThat(all.totals().parameters()).isEqualTo(conv + (144 * 5 + 5) + (5 * 2 + 2) + (4 * 3 + 3));
        assertThat(inference.rows()).extracting(Analysis.Row::name).containsExactly("conv", "pool", "output");
        assertThat(inference.outputs()).containsExactly("output");
        assertThat(inference.totals().parameters()).isEqualTo(conv + 4 * 3 + 3);
        assertThat(inference.totals().macs()).isEqualTo(6 * 6 * 4 * 9 * 3 + 4 * 3);
        assertThatThrownBy(() -> all.restrictedTo("aux_fc")).hasMessageContaining("outputs: output, aux");
    }

    @Test
    void anUnsupportedLayerIsNamedWithItsVertex() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.convolutional(8, 8, 3))
                .addLayer("dw", new DepthwiseConvolution2D.Builder(3, 3).depthMultiplier(1).build(), "input")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "dw")
                .addLayer("output", softmax(2), "pool")
                .setOutputs("output")
                .build();
        assertThatThrownBy(() -> ArchitectureAnalysis.of(conf, new InputShape(8, 8, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vertex 'dw' is a DepthwiseConvolution2D")
                .hasMessageContaining("does not support");
    }

    @Test
    void theTextTableIsAlignedAndEndsWithTotals() {
        InputShape input = new InputShape(28, 28, 1);
        String text = TextTables.analysis(ArchitectureAnalysis.of(conf("lenet5", input, 10), input));
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).startsWith("layer").contains("kind", "output", "params", "MACs", "activations", "RF");
        assertThat(lines.get(2)).matches("c1 +conv +6x28x28 +156 +117,600 +4,704 +5");
        assertThat(lines.get(0).length()).isEqualTo(lines.get(1).length()).isEqualTo(lines.get(2).length());
        assertThat(text).contains("total").contains("61,706").contains("parameters 61,706");
    }

    private static OutputLayer softmax(int classes) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                .activation(Activation.SOFTMAX).build();
    }

    private static Architecture named(String name) {
        return new Architecture() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return name;
            }

            @Override
            public ComputationGraphConfiguration configuration(InputShape input, int classes,
                                                               NeuralNetConfiguration.Builder base) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
