package org.cnnserve.architectures;

import static org.cnnserve.architectures.Layers.ceilMaxPool;
import static org.cnnserve.architectures.Layers.conv;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * Network in Network (Lin, Chen and Yan 2014), the ImageNet model of the authors' Caffe model zoo
 * entry (NIN-Imagenet), which the common re-implementations follow. Four mlpconv blocks, each a
 * spatial convolution and two 1x1 convolutions ("cccp" layers), all with bias and ReLU:
 * 96@11x11/4, 256@5x5 pad 2, 384@3x3 pad 1, then after dropout 0.5, 1024@3x3 pad 1 whose last 1x1
 * convolution has one map per class. 3x3/2 max pools with Caffe's ceil rounding follow the first
 * three blocks (54 -> 27 -> 13 -> 6 maps at 224x224), and global average pooling over the final
 * 6x6 class maps (Caffe's 6x6 average pool at that size) feeds a softmax: no fully connected layer.
 */
final class NetworkInNetwork implements Architecture {

    /**
     * Each ceil-mode pool must see a whole 3x3 window: the third needs a 3x3 map, the second a 6x6
     * one, the first 12x12, which conv1 (11x11/4) gives from 55x55.
     */
    static final int MIN_SIDE = 55;

    @Override
    public String name() {
        return "nin";
    }

    @Override
    public String description() {
        return "Network in Network (Lin et al. 2014), NIN-Imagenet layout: 4 mlpconv blocks, global average pooling";
    }

    @Override
    public ComputationGraphConfiguration configuration(InputShape input, int classes, NeuralNetConfiguration.Builder base) {
        Layers.requireSide(name(), "pools 3x3/2 three times after an 11x11/4 convolution", MIN_SIDE, input);
        GraphBuilder g = Layers.start(base, input);
        String x = mlpconv(g, "input", 1, 96, 96, 11, 4, 0);
        x = ceilMaxPool(g, "pool1", x);
        x = mlpconv(g, x, 2, 256, 256, 5, 1, 2);
        x = ceilMaxPool(g, "pool2", x);
        x = mlpconv(g, x, 3, 384, 384, 3, 1, 1);
        x = ceilMaxPool(g, "pool3", x);
        x = Layers.dropout(g, "pool3_dropout", x, 0.5);
        x = mlpconv(g, x, 4, 1024, classes, 3, 1, 1);
        Layers.globalAverageSoftmax(g, "pool4", x);
        return g.setOutputs("output").build();
    }

    /**
     * Block {@code b}: conv{b} then cccp{2b-1} (1x1, {@code width}) and cccp{2b} (1x1, {@code out}),
     * numbered as in the Caffe model.
     */
    private static String mlpconv(GraphBuilder g, String in, int b, int width, int out, int kernel, int stride,
                                  int pad) {
        String x = conv(g, "conv" + b, in, width, kernel, stride, pad);
        x = conv(g, "cccp" + (2 * b - 1), x, width, 1, 1, 0);
        return conv(g, "cccp" + (2 * b), x, out, 1, 1, 0);
    }
}
