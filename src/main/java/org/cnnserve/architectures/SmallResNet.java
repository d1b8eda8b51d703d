package org.cnnserve.architectures;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * ResNet as He et al. (2016) built it for small images (section 4.2, CIFAR-10): a 3x3 stem, then
 * three stages of basic residual blocks at 16, 32 and 64 channels, each later stage halving the
 * side with a strided block (projection shortcut), global average pooling and a softmax layer.
 * Two blocks per stage: ResNet-14. Its training configuration adds stochastic depth (Huang et al.
 * 2016): block l of L is dropped with probability {@code l / L * 0.1} while training.
 */
final class SmallResNet implements Architecture {

    private static final int[] WIDTHS = {16, 32, 64};
    private static final int BLOCKS_PER_STAGE = 2;
    private static final double LAST_BLOCK_DROP = 0.1;

    @Override
    public String name() {
        return "resnet_small";
    }

    @Override
    public String description() {
        return "ResNet-14 for small images (He et al. 2016, section 4.2): conv3x3(16), 3 stages x 2 basic "
                + "blocks at 16/32/64 channels, global average pool, fc";
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
        String x = ResNetBlocks.convBn(g, "stem", "input", WIDTHS[0], 3, 1, 1, true);
        int channels = WIDTHS[0];
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
