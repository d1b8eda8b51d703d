package org.cnnserve.architectures;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * ResNet's design at Fashion-MNIST size: a 3x3 stem and a 2x2 max pool (as ImageNet ResNets
 * downsample before their first stage), then two stages of basic residual blocks at 32 and 64
 * channels, the second halving the side with a strided block (projection shortcut), global average
 * pooling and a softmax layer. Two blocks per stage: ResNet-10. The full-resolution stage of He et
 * al.'s CIFAR networks (section 4.2) is left out because DL4J trains it at a third of the speed.
 * Its training configuration adds stochastic depth (Huang et al. 2016): block l of L is dropped with
 * probability {@code l / L * 0.1} while training.
 */
final class SmallResNet implements Architecture {

    private static final int STEM = 16;
    private static final int[] WIDTHS = {32, 64};
    private static final int BLOCKS_PER_STAGE = 2;
    private static final double LAST_BLOCK_DROP = 0.1;

    @Override
    public String name() {
        return "resnet_small";
    }

    @Override
    public String description() {
        return "ResNet-10 at 28x28 (He et al. 2016): conv3x3(16), pool, 2 stages x 2 basic blocks at 32/64 "
                + "channels, global average pool, fc";
    }

    @Override
    public ComputationGraphConfiguration configuration(InputShape input, int classes, NeuralNetConfiguration.Builder base) {
        return build(input, classes, base, 0);
    }

    @Override
    public ComputationGraphConfiguration trainingConfiguration(InputShape input, int classes,
                                                               NeuralNetConfiguration.Builder base) {
        return build(input, classes, base, LAST_BLOCK_DROP);
    }

    private ComputationGraphConfiguration build(InputShape input, int classes, NeuralNetConfiguration.Builder base,
                                                double lastBlockDrop) {
        Layers.requireSide(name(), "downsamples 4x", 4, input);
        GraphBuilder g = Layers.start(base, input);
        String x = ResNetBlocks.convBn(g, "stem", "input", STEM, 3, 1, 1, true);
        x = Layers.maxPool(g, "stem_pool", x, 2, 2, 0);
        int channels = STEM;
        int blocks = WIDTHS.length * BLOCKS_PER_STAGE;
        for (int stage = 0; stage < WIDTHS.length; stage++) {
            for (int block = 0; block < BLOCKS_PER_STAGE; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                double drop = lastBlockDrop * (stage * BLOCKS_PER_STAGE + block + 1) / blocks;
                x = ResNetBlocks.basic(g, "layer" + (stage + 1) + "_" + block, x, channels, WIDTHS[stage], stride,
                        drop);
                channels = WIDTHS[stage];
            }
        }
        g.addLayer("avgpool", new org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer.Builder(
                org.deeplearning4j.nn.conf.layers.PoolingType.AVG).build(), x);
        Layers.softmaxOutput(g, "output", "avgpool", classes);
        return g.setOutputs("output").build();
    }
}
