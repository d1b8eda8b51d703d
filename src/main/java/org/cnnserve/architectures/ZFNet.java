package org.cnnserve.architectures;

import static org.cnnserve.architectures.Layers.conv;
import static org.cnnserve.architectures.Layers.lrn;
import static org.cnnserve.architectures.Layers.maxPool;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * ZFNet (Zeiler and Fergus 2013, Figure 3): AlexNet with a 7x7/2 first layer, a 5x5/2 second layer
 * and dense (ungrouped) connections in layers 3-5; LRN after conv1 and conv2 as in AlexNet
 * (n=5, k=2, alpha=1e-4, beta=0.75), 3x3/2 max pools, dropout 0.5 on the outputs of fc6 and fc7.
 *
 * <p>The paper gives map sizes but not paddings. These reproduce its 224 -> 110 -> 55 -> 26 -> 13
 * -> 13 -> 6 maps: conv1 padding 1 ((224 + 2 - 7) / 2 + 1 = 110), pool1 padding 1 (55), conv2
 * unpadded ((55 - 5) / 2 + 1 = 26), pool2 padding 1 (13), conv3-5 padding 1, pool5 unpadded (6).
 */
final class ZFNet implements Architecture {

    /** Working back from a 3x3 conv5 map: pool2 needs 5x5, conv2 13x13, pool1 25x25, conv1 53x53. */
    static final int MIN_SIDE = 53;

    @Override
    public String name() {
        return "zfnet";
    }

    @Override
    public String description() {
        return "ZFNet (Zeiler & Fergus 2013): 7x7/2 and 5x5/2 first layers, LRN, 110-55-26-13-6 maps at 224x224";
    }

    @Override
    public ComputationGraphConfiguration configuration(InputShape input, int classes, NeuralNetConfiguration.Builder base) {
        Layers.requireSide(name(), "downsamples with two stride-2 convolutions and three 3x3/2 pools", MIN_SIDE, input);
        GraphBuilder g = Layers.start(base, input);
        String x = conv(g, "conv1", "input", 96, 7, 2, 1);
        x = lrn(g, "norm1", x, 2, 1e-4);
        x = maxPool(g, "pool1", x, 3, 2, 1);
        x = conv(g, "conv2", x, 256, 5, 2, 0);
        x = lrn(g, "norm2", x, 2, 1e-4);
        x = maxPool(g, "pool2", x, 3, 2, 1);
        x = conv(g, "conv3", x, 384, 3, 1, 1);
        x = conv(g, "conv4", x, 384, 3, 1, 1);
        x = conv(g, "conv5", x, 256, 3, 1, 1);
        x = maxPool(g, "pool5", x, 3, 2, 0);
        Layers.fullyConnectedHead(g, x, classes, false);
        return g.setOutputs("output").build();
    }
}
