package org.cnnserve.architectures;

import static org.cnnserve.architectures.Layers.conv;
import static org.cnnserve.architectures.Layers.maxPool;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * AlexNet in torchvision's single-GPU form (after Krizhevsky's "one weird trick" variant): 64, 192,
 * 384, 256, 256 filters, no grouping and no LRN, dropout 0.5 on the inputs of fc6 and fc7.
 *
 * <p>torchvision puts an adaptive average pool to 6x6 before the classifier. At 224x224 the last
 * map already is 6x6 and that pool is the identity, so it is left out: at other input sizes the
 * flattened 256xHxW map feeds fc6 directly, and fc6's size (and the parameter count) follows the
 * input rather than staying at torchvision's 9216 inputs.
 */
final class AlexNet implements Architecture {

    /** conv1 (11x11/4, padding 2) needs a 15x15 map so that the three 3x3/2 pools leave one position. */
    static final int MIN_SIDE = 63;

    @Override
    public String name() {
        return "alexnet";
    }

    @Override
    public String description() {
        return "AlexNet, torchvision layout: 64-192-384-256-256 filters, no LRN or grouping, 224x224 input";
    }

    @Override
    public ComputationGraphConfiguration configuration(InputShape input, int classes, NeuralNetConfiguration.Builder base) {
        Layers.requireSide(name(), "pools 3x3/2 three times after an 11x11/4 convolution", MIN_SIDE, input);
        GraphBuilder g = Layers.start(base, input);
        String x = conv(g, "conv1", "input", 64, 11, 4, 2);
        x = maxPool(g, "pool1", x, 3, 2, 0);
        x = conv(g, "conv2", x, 192, 5, 1, 2);
        x = maxPool(g, "pool2", x, 3, 2, 0);
        x = conv(g, "conv3", x, 384, 3, 1, 1);
        x = conv(g, "conv4", x, 256, 3, 1, 1);
        x = conv(g, "conv5", x, 256, 3, 1, 1);
        x = maxPool(g, "pool5", x, 3, 2, 0);
        Layers.fullyConnectedHead(g, x, classes, true);
        return g.setOutputs("output").build();
    }
}
