package org.cnnserve.architectures;

import static org.cnnserve.architectures.Layers.ceilMaxPool;
import static org.cnnserve.architectures.Layers.conv;
import static org.cnnserve.architectures.Layers.lrn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/**
 * GoogLeNet / Inception-v1 as in Szegedy et al. 2014 (Table 1) and the authors' Caffe model
 * (bvlc_googlenet), not torchvision's variant: true 5x5 branches, no batch normalisation, every
 * convolution with bias and ReLU. Stem: 7x7/2 conv, 3x3/2 max pool, LRN, 1x1 and 3x3 convs, LRN,
 * 3x3/2 max pool; inception modules 3a-3b, 4a-4e and 5a-5b with the paper's filter counts, 3x3/2 max
 * pools between the stages; global average pooling (the paper's 7x7 average pool at 224x224),
 * dropout 0.4 and the softmax classifier.
 *
 * <p>The max pools round up as Caffe's do ({@link Layers#ceilMaxPool}), giving the paper's
 * 112 -> 56 -> 28 -> 14 -> 7 maps. The LRNs are Caffe's (size 5, alpha 1e-4 divided by the size,
 * beta 0.75, k 1), written for DL4J's undivided alpha as 2e-5. {@link #configuration} is the
 * inference network; {@link #trainingConfiguration} adds the paper's two auxiliary classifiers.
 */
final class GoogLeNet implements Architecture {

    /** Each ceil-mode pool must see a whole 3x3 window: pool4 needs 3x3 maps, which 47x47 gives. */
    static final int MIN_SIDE = 47;
    /** The auxiliary heads' 5x5 average pools need 5x5 maps after pool3, which 79x79 gives. */
    static final int MIN_TRAINING_SIDE = 79;

    /** Per module: #1x1, #3x3 reduce, #3x3, #5x5 reduce, #5x5, pool proj (Table 1). */
    private static final String[] MODULES = {"3a", "3b", "4a", "4b", "4c", "4d", "4e", "5a", "5b"};
    private static final int[][] FILTERS = {
            {64, 96, 128, 16, 32, 32}, {128, 128, 192, 32, 96, 64},
            {192, 96, 208, 16, 48, 64}, {160, 112, 224, 24, 64, 64}, {128, 128, 256, 24, 64, 64},
            {112, 144, 288, 32, 64, 64}, {256, 160, 320, 32, 128, 128},
            {256, 160, 320, 32, 128, 128}, {384, 192, 384, 48, 128, 128}};

    @Override
    public String name() {
        return "googlenet";
    }

    @Override
    public String description() {
        return "GoogLeNet / Inception-v1 (Szegedy et al. 2014) as in the paper: 5x5 branches, LRN, no batch norm";
    }

    @Override
    public ComputationGraphConfiguration configuration(InputShape input, int classes, NeuralNetConfiguration.Builder base) {
        Layers.requireSide(name(), "pools 3x3/2 four times after a 7x7/2 convolution", MIN_SIDE, input);
        return build(input, classes, base, false);
    }

    /**
     * The inference network plus the auxiliary classifiers on 4a and 4d as extra outputs, in the
     * order {@code output, aux1, aux2}; the paper weights their losses by 0.3 during training.
     */
    @Override
    public ComputationGraphConfiguration trainingConfiguration(InputShape input, int classes,
                                                               NeuralNetConfiguration.Builder base) {
        Layers.requireSide(name(), "pools 5x5 in its auxiliary classifiers after four stride-2 reductions",
                MIN_TRAINING_SIDE, input);
        return build(input, classes, base, true);
    }

    private ComputationGraphConfiguration build(InputShape input, int classes, NeuralNetConfiguration.Builder base,
                                                boolean auxiliary) {
        GraphBuilder g = Layers.start(base, input);
        String x = conv(g, "conv1", "input", 64, 7, 2, 3);
        x = ceilMaxPool(g, "pool1", x);
        x = lrn(g, "norm1", x, 1, 2e-5);
        x = conv(g, "conv2_reduce", x, 64, 1, 1, 0);
        x = conv(g, "conv2", x, 192, 3, 1, 1);
        x = lrn(g, "norm2", x, 1, 2e-5);
        x = ceilMaxPool(g, "pool2", x);
        for (int m = 0; m < MODULES.length; m++) {
            x = inception(g, "inception_" + MODULES[m], x, FILTERS[m]);
            if (MODULES[m].equals("3b") || MODULES[m].equals("4e")) {
                x = ceilMaxPool(g, MODULES[m].equals("3b") ? "pool3" : "pool4", x);
            }
        }
        g.addLayer("pool5", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
        x = Layers.dropout(g, "pool5_dropout", "pool5", 0.4);
        Layers.softmaxOutput(g, "output", x, classes);
        if (!auxiliary) {
            return g.setOutputs("output").build();
        }
        auxiliaryClassifier(g, "aux1", "inception_4a", classes);
        auxiliaryClassifier(g, "aux2", "inception_4d", classes);
        return g.setOutputs("output", "aux1", "aux2").build();
    }

    /** Four parallel branches (1x1; 1x1 -> 3x3; 1x1 -> 5x5; 3x3/1 max pool -> 1x1) concatenated. */
    private static String inception(GraphBuilder g, String id, String in, int[] f) {
        String b1 = conv(g, id + "_1x1", in, f[0], 1, 1, 0);
        String b2 = conv(g, id + "_3x3", conv(g, id + "_3x3_reduce", in, f[1], 1, 1, 0), f[2], 3, 1, 1);
        String b3 = conv(g, id + "_5x5", conv(g, id + "_5x5_reduce", in, f[3], 1, 1, 0), f[4], 5, 1, 2);
        String pool = Layers.maxPool(g, id + "_pool", in, 3, 1, 1);
        String b4 = conv(g, id + "_pool_proj", pool, f[5], 1, 1, 0);
        g.addVertex(id, new MergeVertex(), b1, b2, b3, b4);
        return id;
    }

    /**
     * The paper's auxiliary classifier: 5x5/3 average pool (4x4 maps at 224x224), 1x1 conv of 128
     * filters, fully connected 1024 with ReLU, dropout 0.7, softmax output.
     */
    private static void auxiliaryClassifier(GraphBuilder g, String id, String in, int classes) {
        g.addLayer(id + "_pool", new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(5, 5).stride(3, 3)
                .avgPoolIncludePadInDivisor(false).build(), in);
        String x = conv(g, id + "_conv", id + "_pool", 128, 1, 1, 0);
        x = Layers.dense(g, id + "_fc", x, 1024);
        x = Layers.dropout(g, id + "_fc_dropout", x, 0.7);
        Layers.softmaxOutput(g, id, x, classes);
    }
}
