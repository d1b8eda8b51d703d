package org.cnnserve.architectures;

import static org.cnnserve.architectures.Layers.conv;
import static org.cnnserve.architectures.Layers.dropout;
import static org.cnnserve.architectures.Layers.maxPool;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;

/**
 * SqueezeNet's design at Fashion-MNIST size (Iandola et al. 2016): a 3x3 stem, then fire modules
 * (a 1x1 squeeze feeding concatenated 1x1 and 3x3 expands), max pools between them, dropout, and a
 * 1x1 convolution to the classes averaged globally: no fully connected layer. BatchNorm after every
 * convolution but the last (the paper has none; without it, three epochs left this network near
 * 0.6 top-1 where the BatchNorm networks were near 0.85).
 */
final class SmallSqueezeNet implements Architecture {

    @Override
    public String name() {
        return "squeezenet_small";
    }

    @Override
    public String description() {
        return "SqueezeNet at 28x28 (Iandola et al. 2016, with BatchNorm): conv3x3(32), pool, fire(16,32,32) x2, "
                + "pool, fire(32,64,64) x2, dropout, conv1x1(classes), global average pool";
    }

    @Override
    public ComputationGraphConfiguration configuration(InputShape input, int classes, NeuralNetConfiguration.Builder base) {
        Layers.requireSide(name(), "pools twice", 4, input);
        GraphBuilder g = Layers.start(base, input);
        String x = ResNetBlocks.convBn(g, "conv1", "input", 32, 3, 1, 1, true);
        x = maxPool(g, "pool1", x, 2, 2, 0);
        x = fire(g, "fire2", x, 16, 32);
        x = fire(g, "fire3", x, 16, 32);
        x = maxPool(g, "pool3", x, 2, 2, 0);
        x = fire(g, "fire4", x, 32, 64);
        x = fire(g, "fire5", x, 32, 64);
        x = dropout(g, "fire5_dropout", x, 0.5);
        x = conv(g, "conv_classes", x, classes, 1, 1, 0);
        Layers.globalAverageSoftmax(g, "avgpool", x);
        return g.setOutputs("output").build();
    }

    private static String fire(GraphBuilder g, String id, String in, int squeeze, int expand) {
        String s = ResNetBlocks.convBn(g, id + "_squeeze", in, squeeze, 1, 1, 0, true);
        String e1 = ResNetBlocks.convBn(g, id + "_expand1x1", s, expand, 1, 1, 0, true);
        String e3 = ResNetBlocks.convBn(g, id + "_expand3x3", s, expand, 3, 1, 1, true);
        g.addVertex(id, new MergeVertex(), e1, e3);
        return id;
    }
}
