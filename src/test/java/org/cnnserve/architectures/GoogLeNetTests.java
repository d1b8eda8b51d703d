package org.cnnserve.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cnnserve.architectures.Networks.IMAGENET;

import java.util.Arrays;
import org.assertj.core.data.Offset;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GoogLeNetTests {

    private final GoogLeNet googlenet = new GoogLeNet();

    /** The parameters of the layers whose names start with {@code prefix}. */
    private static long parametersOf(ComputationGraph graph, String prefix) {
        return Arrays.stream(graph.getLayers()).filter(l -> l.conf().getLayer().getLayerName().startsWith(prefix))
                .mapToLong(Layer::numParams).sum();
    }

    @Test
    void googLeNetHasThePapersParametersModuleByModule() {
        ComputationGraph graph = Networks.build(googlenet, IMAGENET, 1000);
        // Stem: conv1 7*7*3*64+64 = 9,472; conv2_reduce 64*64+64 = 4,160; conv2 3*3*64*192+192 = 110,784.
        assertThat(parametersOf(graph, "conv")).isEqualTo(9_472 + 4_160 + 110_784);
        // A module on c input channels: 1x1 c*n1+n1, 3x3 reduce c*r3+r3, 3x3 9*r3*n3+n3,
        // 5x5 reduce c*r5+r5, 5x5 25*r5*n5+n5, pool projection c*pp+pp.
        // 3a (c=192; 64, 96, 128, 16, 32, 32): 12,352 + 18,528 + 110,720 + 3,088 + 12,832 + 6,176
        assertThat(parametersOf(graph, "inception_3a_")).isEqualTo(163_696);
        // 3b (c=256; 128, 128, 192, 32, 96, 64): 32,896 + 32,896 + 221,376 + 8,224 + 76,896 + 16,448
        assertThat(parametersOf(graph, "inception_3b_")).isEqualTo(388_736);
        // 4a (c=480; 192, 96, 208, 16, 48, 64): 92,352 + 46,176 + 179,920 + 7,696 + 19,248 + 30,784
        assertThat(parametersOf(graph, "inception_4a_")).isEqualTo(376_176);
        // 4b (c=512; 160, 112, 224, 24, 64, 64): 82,080 + 57,456 + 226,016 + 12,312 + 38,464 + 32,832
        assertThat(parametersOf(graph, "inception_4b_")).isEqualTo(449_160);
        // 4c (c=512; 128, 128, 256, 24, 64, 64): 65,664 + 65,664 + 295,168 + 12,312 + 38,464 + 32,832
        assertThat(parametersOf(graph, "inception_4c_")).isEqualTo(510_104);
        // 4d (c=512; 112, 144, 288, 32, 64, 64): 57,456 + 73,872 + 373,536 + 16,416 + 51,264 + 32,832
        assertThat(parametersOf(graph, "inception_4d_")).isEqualTo(605_376);
        // 4e (c=528; 256, 160, 320, 32, 128, 128): 135,424 + 84,640 + 461,120 + 16,928 + 102,528 + 67,712
        assertThat(parametersOf(graph, "inception_4e_")).isEqualTo(868_352);
        // 5a (c=832; 256, 160, 320, 32, 128, 128): 213,248 + 133,280 + 461,120 + 26,656 + 102,528 + 106,624
        assertThat(parametersOf(graph, "inception_5a_")).isEqualTo(1_043_456);
        // 5b (c=832; 384, 192, 384, 48, 128, 128): 319,872 + 159,936 + 663,936 + 39,984 + 153,728 + 106,624
        assertThat(parametersOf(graph, "inception_5b_")).isEqualTo(1_444_080);
        // Classifier: 1024*1000+1000.
        assertThat(parametersOf(graph, "output")).isEqualTo(1_025_000);
        assertThat(ParameterCounts.of(graph).parameters())
                .isEqualTo(124_416L + 163_696 + 388_736 + 376_176 + 449_160 + 510_104 + 605_376 + 868_352
                        + 1_043_456 + 1_444_080 + 1_025_000)
                .isEqualTo(6_998_552L);
    }

    @Test
    void googLeNetHasThePapersMapSizesAt224() {
        var conf = googlenet.configuration(IMAGENET, 1000, Networks.base());
        assertThat(Networks.side(conf, IMAGENET, "conv1")).isEqualTo(112);
        assertThat(Networks.side(conf, IMAGENET, "pool1")).isEqualTo(56);
        assertThat(Networks.side(conf, IMAGENET, "pool2")).isEqualTo(28);
        assertThat(Networks.channels(conf, IMAGENET, "inception_3b")).isEqualTo(480);
        assertThat(Networks.side(conf, IMAGENET, "pool3")).isEqualTo(14);
        assertThat(Networks.channels(conf, IMAGENET, "inception_4e")).isEqualTo(832);
        assertThat(Networks.side(conf, IMAGENET, "pool4")).isEqualTo(7);
        assertThat(Networks.channels(conf, IMAGENET, "inception_5b")).isEqualTo(1024);
        assertThat(conf.getNetworkOutputs()).containsExactly("output");
    }

    @Test
    void googLeNetYieldsProbabilitiesAtFullSizeAndAtItsMinimumInput() {
        Networks.assertForwardPassYieldsProbabilities(googlenet, IMAGENET, 1000, 1);
        Networks.assertForwardPassYieldsProbabilities(googlenet, new InputShape(47, 47, 3), 10, 2);
        assertThatThrownBy(() -> googlenet.configuration(new InputShape(46, 46, 3), 10, Networks.base()))
                .hasMessageContaining("at least 47x47");
    }

    @Test
    void trainingConfigurationAddsTheTwoAuxiliaryClassifiersAsFurtherOutputs() {
        Architecture architecture = googlenet;
        var conf = architecture.trainingConfiguration(IMAGENET, 1000, Networks.base());
        assertThat(conf.getNetworkOutputs()).containsExactly("output", "aux1", "aux2");
        assertThat(Networks.side(conf, IMAGENET, "aux1_pool")).isEqualTo(4);
        ComputationGraph graph = Networks.init(conf);
        // aux1 on 4a (512 maps): conv 512*128+128 = 65,664; fc (128*4*4)*1024+1024 = 2,098,176;
        // classifier 1024*1000+1000 = 1,025,000.
        assertThat(parametersOf(graph, "aux1")).isEqualTo(65_664 + 2_098_176 + 1_025_000).isEqualTo(3_188_840);
        // aux2 on 4d (528 maps): conv 528*128+128 = 67,712.
        assertThat(parametersOf(graph, "aux2")).isEqualTo(67_712 + 2_098_176 + 1_025_000).isEqualTo(3_190_888);
        assertThat(ParameterCounts.of(graph).parameters()).isEqualTo(6_998_552L + 3_188_840 + 3_190_888);
    }

    @Test
    void trainingGraphSharesTheInferenceGraphsLayerNames() {
        var inference = googlenet.configuration(IMAGENET, 1000, Networks.base());
        var training = googlenet.trainingConfiguration(IMAGENET, 1000, Networks.base());
        assertThat(training.getVertices().keySet()).containsAll(inference.getVertices().keySet());
        assertThat(training.getVertices().keySet()).filteredOn(name -> !inference.getVertices().containsKey(name))
                .allMatch(name -> name.startsWith("aux1") || name.startsWith("aux2"));
    }

    @Test
    void trainingGraphRunsAtItsMinimumInputAndOtherArchitecturesTrainTheirInferenceGraph() {
        InputShape small = new InputShape(79, 79, 3);
        ComputationGraph graph = Networks.init(googlenet.trainingConfiguration(small, 10, Networks.base()));
        INDArray[] out = graph.output(false, Nd4j.rand(new int[] {2, 3, 79, 79}));
        assertThat(out).hasSize(3);
        for (INDArray probabilities : out) {
            assertThat(probabilities.shape()).containsExactly(2, 10);
            assertThat(probabilities.sumNumber().doubleValue()).isCloseTo(2.0, Offset.offset(1e-4));
        }
        assertThatThrownBy(() -> googlenet.trainingConfiguration(new InputShape(78, 79, 3), 10, Networks.base()))
                .hasMessageContaining("at least 79x79");
        Architecture vgg = new Vgg("vgg16", 2, 2, 3, 3, 3);
        assertThat(vgg.trainingConfiguration(IMAGENET, 10, Networks.base()))
                .isEqualTo(vgg.configuration(IMAGENET, 10, Networks.base()));
    }
}
