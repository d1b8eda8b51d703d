package org.cnnserve.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;

/** Structure of the ResNet family, checked on configurations (no weights are allocated). */
class ResNetVariantTests {

    private static ComputationGraphConfiguration conf(ResNet resNet) {
        return resNet.configuration(new InputShape(224, 224, 3), 1000, new NeuralNetConfiguration.Builder().seed(1));
    }

    private static Map<String, InputType> shapesAt224(ResNet resNet) {
        return conf(resNet).getLayerActivationTypes(InputType.convolutional(224, 224, 3));
    }

    /** HxWxC of a convolutional activation type. */
    static String hwc(InputType type) {
        InputType.InputTypeConvolutional c = (InputType.InputTypeConvolutional) type;
        return c.getHeight() + "x" + c.getWidth() + "x" + c.getChannels();
    }

    @Test
    void resNet50KeepsTheVertexNamesItsTrainedWeightsAreStoredUnder() {
        var vertices = conf(new ResNet("resnet50", 3, 4, 6, 3)).getVertices();
        assertThat(vertices).hasSize(174); // plus the input: 175 vertices in the built graph
        assertThat(vertices).containsKeys("stem_conv", "stem_bn", "stem_relu", "stem_pool",
                "s1b1_1_conv", "s1b1_2_bn", "s1b1_3_bn", "s1b1_proj_conv", "s1b1_add", "s1b1_relu",
                "s3b6_relu", "s4b3_3_conv", "avgpool", "output");
        assertThat(vertices.keySet()).noneMatch(name -> name.contains("_g0_"));
    }

    @Test
    void basicBlockStagesHaveTorchvisionsShapesAndProjectOnlyWhereTheShapeChanges() {
        ResNet resNet18 = new ResNet("resnet18", ResNet.Block.BASIC, 1, 64, 2, 2, 2, 2);
        Map<String, InputType> shapes = shapesAt224(resNet18);
        assertThat(hwc(shapes.get("stem_pool"))).isEqualTo("56x56x64");
        assertThat(hwc(shapes.get("s1b2_relu"))).isEqualTo("56x56x64");
        assertThat(hwc(shapes.get("s4b2_relu"))).isEqualTo("7x7x512");
        // torchvision's layer1 of a BasicBlock ResNet keeps 64 channels at stride 1: no downsample.
        assertThat(conf(resNet18).getVertices()).doesNotContainKey("s1b1_proj_conv")
                .containsKeys("s2b1_proj_conv", "s3b1_proj_conv", "s4b1_proj_conv");
    }

    @Test
    void wideAndGroupedBottlenecksHaveTorchvisionsInnerWidths() {
        Map<String, InputType> wide = shapesAt224(new ResNet("wide_resnet50_2", ResNet.Block.BOTTLENECK, 1, 128,
                3, 4, 6, 3));
        assertThat(hwc(wide.get("s1b1_2_relu"))).isEqualTo("56x56x128");
        assertThat(hwc(wide.get("s4b3_2_relu"))).isEqualTo("7x7x1024");
        assertThat(hwc(wide.get("s4b3_relu"))).isEqualTo("7x7x2048");

        Map<String, InputType> resNeXt = shapesAt224(new ResNet("resnext50_32x4d", ResNet.Block.BOTTLENECK, 32, 4,
                3, 4, 6, 3));
        assertThat(hwc(resNeXt.get("s1b1_2_g0_in"))).isEqualTo("56x56x4");
        assertThat(hwc(resNeXt.get("s2b1_2_g31_conv"))).isEqualTo("28x28x8");
        assertThat(hwc(resNeXt.get("s1b1_2_conv"))).isEqualTo("56x56x128");
        assertThat(hwc(resNeXt.get("s4b3_relu"))).isEqualTo("7x7x2048");
    }

    @Test
    void basicBlocksRejectGroupsAndWidthsLikeTorchvision() {
        assertThatThrownBy(() -> new ResNet("x", ResNet.Block.BASIC, 32, 4, 2, 2, 2, 2))
                .hasMessageContaining("basic blocks support only 1 group of width 64");
        assertThatThrownBy(() -> new ResNet("x", ResNet.Block.BOTTLENECK, 32, 4, 3, 4, 6))
                .hasMessageContaining("4 stages");
    }

    @Test
    void descriptionsNameThePaperAndVariant() {
        assertThat(new ResNet("resnet18", ResNet.Block.BASIC, 1, 64, 2, 2, 2, 2).description())
                .startsWith("ResNet-18 (He et al. 2015), basic blocks");
        assertThat(new ResNet("resnet152", 3, 8, 36, 3).description()).startsWith("ResNet-152 (He et al. 2015)");
        assertThat(new ResNet("wide_resnet50_2", ResNet.Block.BOTTLENECK, 1, 128, 3, 4, 6, 3).description())
                .startsWith("Wide ResNet-50-2 (Zagoruyko & Komodakis 2016)");
        assertThat(new ResNet("resnext50_32x4d", ResNet.Block.BOTTLENECK, 32, 4, 3, 4, 6, 3).description())
                .startsWith("ResNeXt-50 32x4d (Xie et al. 2017)");
    }
}
