package org.cnnserve.architectures;

import static org.cnnserve.architectures.Layers.conv;
import static org.cnnserve.architectures.Layers.groupedConv;
import static org.cnnserve.architectures.Layers.lrn;
import static org.cnnserve.architectures.Layers.maxPool;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * AlexNet as published (Krizhevsky, Sutskever and Hinton 2012), at its 227x227x3 input (the
 * paper's "224" does not fit an 11x11/4 convolution without padding; 227 gives the paper's 55x55
 * maps). The network was split across two GPUs: conv2, conv4 and conv5 only see the maps of their
 * own GPU, which is modelled as two-group convolutions; conv3 and the fully connected layers see
 * both halves. LRN (n=5, k=2, alpha=1e-4, beta=0.75) follows the ReLUs of conv1 and conv2, before
 * their overlapping 3x3/2 max pools; dropout 0.5 acts on the outputs of fc6 and fc7.
 */
final class AlexNet2012 implements Architecture {

    /** conv1 (11x11/4, unpadded) needs a 15x15 map so that the three 3x3/2 pools leave one position. */
    static final int MIN_SIDE = 67;

    @Override
    public String name() {
        return "alexnet2012";
    }

    @Override
    public String description() {
        return "AlexNet (Krizhevsky et al. 2012) as published: 227x227 input, LRN, two-group conv2/conv4/conv5";
    }

    @Override
    public ComputationGraphConfiguration configuration(InputShape input, int classes, NeuralNetConfiguration.Builder base) {
        Layers.requireSide(name(), "pools 3x3/2 three times after an 11x11/4 convolution", MIN_SIDE, input);
        GraphBuilder g = Layers.start(base, input);
        String x = conv(g, "conv1", "input", 96, 11, 4, 0);
        x = lrn(g, "norm1", x, 2, 1e-4);
        x = maxPool(g, "pool1", x, 3, 2, 0);
        x = groupedConv(g, "conv2", x, 96, 2, 256, 5, 1, 2);
        x = lrn(g, "norm2", x, 2, 1e-4);
        x = maxPool(g, "pool2", x, 3, 2, 0);
        x = conv(g, "conv3", x, 384, 3, 1, 1);
        x = groupedConv(g, "conv4", x, 384, 2, 384, 3, 1, 1);
        x = groupedConv(g, "conv5", x, 384, 2, 256, 3, 1, 1);
        x = maxPool(g, "pool5", x, 3, 2, 0);
        Layers.fullyConnectedHead(g, x, classes, false);
        return g.setOutputs("output").build();
    }
}
