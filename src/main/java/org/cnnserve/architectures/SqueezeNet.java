package org.cnnserve.architectures;

import static org.cnnserve.architectures.Layers.ceilMaxPool;
import static org.cnnserve.architectures.Layers.conv;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;

/**
 * SqueezeNet (Iandola et al. 2016) in torchvision's layout, versions 1.0 and 1.1. A fire module
 * squeezes with a 1x1 convolution and concatenates a 1x1 and a 3x3 (padding 1) expansion, each
 * four times the squeeze width; every convolution has a bias and ReLU. The head is dropout 0.5, a
 * 1x1 convolution to the classes with ReLU, global average pooling and softmax.
 *
 * <p>torchvision's 3x3/2 max pools use {@code ceil_mode=True}; they are reproduced by padding one
 * zero row and column on the bottom and right ({@link Layers#ceilMaxPool}), which gives the same
 * maps at every size: 109 -> 54 -> 27 -> 13 (v1.0) and 111 -> 55 -> 27 -> 13 (v1.1) at 224x224.
 * Fire modules are numbered fire2..fire9 and the classifier conv10, as in the paper.
 */
final class SqueezeNet implements Architecture {

    /** Marks a max pool in a layout; other entries are fire modules' squeeze widths. */
    private static final int POOL = 0;
    private static final int[] LAYOUT_1_0 = {POOL, 16, 16, 32, POOL, 32, 48, 48, 64, POOL, 64};
    private static final int[] LAYOUT_1_1 = {POOL, 16, 16, POOL, 32, 32, POOL, 48, 48, 64, 64};

    private final String name;
    private final boolean v11;

    private SqueezeNet(String name, boolean v11) {
        this.name = name;
        this.v11 = v11;
    }

    /** Version 1.0: a 96@7x7/2 first convolution and pools after conv1, fire4 and fire8. */
    static SqueezeNet v10() {
        return new SqueezeNet("squeezenet1_0", false);
    }

    /** Version 1.1: a 64@3x3/2 first convolution and pools after conv1, fire3 and fire5 (2.4x cheaper). */
    static SqueezeNet v11() {
        return new SqueezeNet("squeezenet1_1", true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "SqueezeNet " + (v11 ? "1.1" : "1.0") + " (Iandola et al. 2016), torchvision layout, fire modules";
    }

    @Override
    public ComputationGraphConfiguration configuration(InputShape input, int classes, NeuralNetConfiguration.Builder base) {
        // Each ceil-mode pool must see a whole 3x3 window: the third needs a 3x3 map, the second
        // 6x6, the first 12x12, which conv1 gives from 29x29 (7x7/2) or 25x25 (3x3/2).
        Layers.requireSide(name, "pools 3x3/2 three times after a stride-2 convolution", v11 ? 25 : 29, input);
        GraphBuilder g = Layers.start(base, input);
        String x = v11 ? conv(g, "conv1", "input", 64, 3, 2, 0) : conv(g, "conv1", "input", 96, 7, 2, 0);
        int fire = 2;
        int pool = 1;
        for (int squeeze : v11 ? LAYOUT_1_1 : LAYOUT_1_0) {
            x = squeeze == POOL ? ceilMaxPool(g, "pool" + pool++, x) : fire(g, "fire" + fire++, x, squeeze);
        }
        x = Layers.dropout(g, x + "_dropout", x, 0.5);
        x = conv(g, "conv10", x, classes, 1, 1, 0);
        Layers.globalAverageSoftmax(g, "avgpool", x);
        return g.setOutputs("output").build();
    }

    private static String fire(GraphBuilder g, String id, String in, int squeeze) {
        String s = conv(g, id + "_squeeze", in, squeeze, 1, 1, 0);
        String e1 = conv(g, id + "_expand1x1", s, 4 * squeeze, 1, 1, 0);
        String e3 = conv(g, id + "_expand3x3", s, 4 * squeeze, 3, 1, 1);
        g.addVertex(id, new MergeVertex(), e1, e3);
        return id;
    }
}
