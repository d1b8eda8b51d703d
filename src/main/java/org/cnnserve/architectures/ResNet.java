package org.cnnserve.architectures;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * ResNet (He et al. 2015) and its torchvision relatives, laid out as torchvision's
 * {@code torchvision.models.resnet}: basic blocks (two 3x3 convolutions) for resnet18/34,
 * bottleneck blocks in the v1.5 layout (the stride of a downsampling block sits on its 3x3
 * convolution) for resnet50/101/152, Wide ResNet-50-2 (Zagoruyko &amp; Komodakis 2016: bottleneck
 * width doubled) and ResNeXt (Xie et al. 2017: grouped 3x3 convolution). Projection shortcuts are
 * 1x1 convolution + BN where the stride or the width changes, convolutions have no bias (BN
 * follows each), and one fully connected layer follows global average pooling.
 */
final class ResNet implements Architecture {

    /** torchvision's two residual block types. */
    enum Block { BASIC, BOTTLENECK }

    private static final int[] STAGE_WIDTHS = {64, 128, 256, 512};
    /** torchvision's base width: a bottleneck's inner width equals its stage width at this value. */
    private static final int BASE_WIDTH = 64;

    private final String name;
    private final Block block;
    private final int groups;
    private final int widthPerGroup;
    private final int[] blocksPerStage;

    /** A plain bottleneck ResNet (resnet50, resnet101, resnet152). */
    ResNet(String name, int... blocksPerStage) {
        this(name, Block.BOTTLENECK, 1, BASE_WIDTH, blocksPerStage);
    }

    /**
     * @param groups        groups of the bottleneck's 3x3 convolution (torchvision {@code groups})
     * @param widthPerGroup torchvision {@code width_per_group}: 64 for ResNet, 128 for Wide ResNet,
     *                      4 for ResNeXt 32x4d
     */
    ResNet(String name, Block block, int groups, int widthPerGroup, int... blocksPerStage) {
        if (blocksPerStage.length != STAGE_WIDTHS.length) {
            throw new IllegalArgumentException("a ResNet has 4 stages, was given " + blocksPerStage.length);
        }
        if (groups < 1 || widthPerGroup < 1) {
            throw new IllegalArgumentException("groups and width per group must be at least 1, were "
                    + groups + " and " + widthPerGroup);
        }
        if (block == Block.BASIC && (groups != 1 || widthPerGroup != BASE_WIDTH)) {
            // As torchvision: a basic block has no inner width to widen or to split into groups.
            throw new IllegalArgumentException("basic blocks support only 1 group of width 64, was "
                    + groups + " groups of width " + widthPerGroup);
        }
        this.name = name;
        this.block = block;
        this.groups = groups;
        this.widthPerGroup = widthPerGroup;
        this.blocksPerStage = blocksPerStage.clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        int blocks = Arrays.stream(blocksPerStage).sum();
        String stages = Arrays.toString(blocksPerStage);
        if (block == Block.BASIC) {
            return "ResNet-" + (2 + 2 * blocks) + " (He et al. 2015), basic blocks " + stages + ", torchvision layout";
        }
        int depth = 2 + 3 * blocks;
        if (groups > 1) {
            return "ResNeXt-" + depth + " " + groups + "x" + widthPerGroup + "d (Xie et al. 2017), bottleneck blocks "
                    + stages + " with " + groups + "-group 3x3 convolutions, torchvision layout";
        }
        if (widthPerGroup != BASE_WIDTH) {
            return "Wide ResNet-" + depth + "-" + widthPerGroup / BASE_WIDTH + " (Zagoruyko & Komodakis 2016), "
                    + "bottleneck blocks " + stages + " " + widthPerGroup / BASE_WIDTH + "x as wide, torchvision layout";
        }
        return "ResNet-" + depth + " (He et al. 2015), bottleneck blocks " + stages + ", torchvision v1.5 layout";
    }

    @Override
    public ComputationGraphConfiguration configuration(InputShape input, int classes, NeuralNetConfiguration.Builder base) {
        Layers.requireSide(name, "downsamples 32x", 32, input);
        GraphBuilder g = Layers.start(base, input);
        String x = ResNetBlocks.convBn(g, "stem", "input", 64, 7, 2, 3, true);
        g.addLayer("stem_pool", new SubsamplingLayer.Builder(PoolingType.MAX)
                .kernelSize(3, 3).stride(2, 2).padding(1, 1).build(), x);
        x = "stem_pool";
        int channels = 64;
        for (int stage = 0; stage < STAGE_WIDTHS.length; stage++) {
            for (int i = 0; i < blocksPerStage[stage]; i++) {
                int stride = stage > 0 && i == 0 ? 2 : 1;
                String id = "s" + (stage + 1) + "b" + (i + 1);
                int planes = STAGE_WIDTHS[stage];
                if (block == Block.BASIC) {
                    x = ResNetBlocks.basic(g, id, x, channels, planes, stride);
                    channels = planes;
                } else {
                    // torchvision: width = int(planes * (width_per_group / 64)) * groups
                    int width = planes * widthPerGroup / BASE_WIDTH * groups;
                    x = ResNetBlocks.bottleneck(g, id, x, channels, width, groups, planes * ResNetBlocks.EXPANSION,
                            stride);
                    channels = planes * ResNetBlocks.EXPANSION;
                }
            }
        }
        g.addLayer("avgpool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
        g.addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build(), "avgpool");
        return g.setOutputs("output").build();
    }
}
