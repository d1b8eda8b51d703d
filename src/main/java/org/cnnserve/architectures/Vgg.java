package org.cnnserve.architectures;

import static org.cnnserve.architectures.Layers.conv;
import static org.cnnserve.architectures.Layers.maxPool;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * VGG (Simonyan and Zisserman 2014) without batch normalisation, in torchvision's layout: five
 * stages of 3x3 convolutions (padding 1, bias, ReLU) of 64, 128, 256, 512, 512 filters, each closed
 * by a 2x2/2 max pool, then fc6 and fc7 of 4096 units with dropout 0.5 on their outputs. Layers
 * are named as in the paper's Caffe models (conv3_2, pool3, fc6).
 *
 * <p>torchvision's adaptive average pool to 7x7 is the identity at 224x224 and is left out: at
 * other input sizes the flattened 512xHxW map feeds fc6 directly, so fc6's size follows the input.
 */
final class Vgg implements Architecture {

    private static final int[] STAGE_WIDTHS = {64, 128, 256, 512, 512};

    private final String name;
    private final int[] convsPerStage;

    /** {@code convsPerStage}: configuration D (VGG-16) is 2, 2, 3, 3, 3; E (VGG-19) is 2, 2, 4, 4, 4. */
    Vgg(String name, int... convsPerStage) {
        if (convsPerStage.length != STAGE_WIDTHS.length) {
            throw new IllegalArgumentException("a VGG network has 5 stages, was given " + convsPerStage.length);
        }
        this.name = name;
        this.convsPerStage = convsPerStage.clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        int depth = Arrays.stream(convsPerStage).sum() + 3;
        return "VGG-" + depth + " (Simonyan & Zisserman 2014), convolutions per stage "
                + Arrays.toString(convsPerStage) + ", torchvision layout without batch norm";
    }

    @Override
    public ComputationGraphConfiguration configuration(InputShape input, int classes, NeuralNetConfiguration.Builder base) {
        Layers.requireSide(name, "downsamples 32x", 32, input);
        GraphBuilder g = Layers.start(base, input);
        String x = "input";
        for (int stage = 0; stage < STAGE_WIDTHS.length; stage++) {
            for (int i = 0; i < convsPerStage[stage]; i++) {
                x = conv(g, "conv" + (stage + 1) + "_" + (i + 1), x, STAGE_WIDTHS[stage], 3, 1, 1);
            }
            x = maxPool(g, "pool" + (stage + 1), x, 2, 2, 0);
        }
        Layers.fullyConnectedHead(g, x, classes, false);
        return g.setOutputs("output").build();
    }
}
