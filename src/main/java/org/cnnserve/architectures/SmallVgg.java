package org.cnnserve.architectures;

import static org.cnnserve.architectures.Layers.dense;
import static org.cnnserve.architectures.Layers.dropout;
import static org.cnnserve.architectures.Layers.maxPool;
import static org.cnnserve.architectures.Layers.softmaxOutput;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * VGG's design at Fashion-MNIST size: stages of stacked 3x3 convolutions, each stage ending in a
 * 2x2 max pool and doubling the channels, then a fully connected head with dropout. BatchNorm after
 * each convolution, as torchvision's vgg*_bn, so that it trains in a few epochs.
 */
final class SmallVgg implements Architecture {

    @Override
    public String name() {
        return "vgg_small";
    }

    @Override
    public String description() {
        return "VGG at 28x28 (Simonyan & Zisserman 2014, with BatchNorm): [conv3x3(16) x2, pool] "
                + "[conv3x3(32) x2, pool] [conv3x3(64) x2, pool] fc128, dropout 0.5";
    }

    @Override
    public ComputationGraphConfiguration configuration(InputShape input, int classes, NeuralNetConfiguration.Builder base) {
        Layers.requireSide(name(), "pools three times", 8, input);
        GraphBuilder g = Layers.start(base, input);
        String x = "input";
        int stage = 1;
        for (int channels : new int[] {16, 32, 64}) {
            x = ResNetBlocks.convBn(g, "conv" + stage + "_1", x, channels, 3, 1, 1, true);
            x = ResNetBlocks.convBn(g, "conv" + stage + "_2", x, channels, 3, 1, 1, true);
            x = maxPool(g, "pool" + stage, x, 2, 2, 0);
            stage++;
        }
        x = dense(g, "fc1", x, 128);
        x = dropout(g, "fc1_dropout", x, 0.5);
        softmaxOutput(g, "output", x, classes);
        return g.setOutputs("output").build();
    }
}
