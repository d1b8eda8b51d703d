package org.cnnserve.architectures;

import static org.cnnserve.architectures.Layers.conv;
import static org.cnnserve.architectures.Layers.dropout;
import static org.cnnserve.architectures.Layers.maxPool;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * Network in Network at Fashion-MNIST size (Lin et al. 2013): three mlpconv blocks (a 3x3
 * convolution followed by two 1x1 convolutions, the "micro network"), max pool and dropout between
 * them, the last block ending in one map per class that is averaged globally: no fully connected layer.
 */
final class SmallNin implements Architecture {

    @Override
    public String name() {
        return "nin_small";
    }

    @Override
    public String description() {
        return "Network in Network at 28x28 (Lin et al. 2013): mlpconv(48) pool, mlpconv(64) pool, "
                + "mlpconv(128 to classes), global average pool";
    }

    @Override
    public ComputationGraphConfiguration configuration(InputShape input, int classes, NeuralNetConfiguration.Builder base) {
        Layers.requireSide(name(), "pools twice", 4, input);
        GraphBuilder g = Layers.start(base, input);
        String x = mlpconv(g, "block1", "input", 48, 48);
        x = dropout(g, "block1_dropout", maxPool(g, "pool1", x, 2, 2, 0), 0.25);
        x = mlpconv(g, "block2", x, 64, 64);
        x = dropout(g, "block2_dropout", maxPool(g, "pool2", x, 2, 2, 0), 0.25);
        x = mlpconv(g, "block3", x, 128, classes);
        Layers.globalAverageSoftmax(g, "avgpool", x);
        return g.setOutputs("output").build();
    }

    private static String mlpconv(GraphBuilder g, String id, String in, int channels, int out) {
        String x = conv(g, id + "_conv3x3", in, channels, 3, 1, 1);
        x = conv(g, id + "_mlp1", x, channels, 1, 1, 0);
        return conv(g, id + "_mlp2", x, out, 1, 1, 0);
    }
}
