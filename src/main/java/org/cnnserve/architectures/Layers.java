package org.cnnserve.architectures;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Building blocks shared by the classic ReLU networks (AlexNet, ZFNet, VGG, NiN, SqueezeNet,
 * GoogLeNet): biased ReLU convolutions, grouped convolutions, ceil-mode pooling and the usual
 * heads. Each method adds layers to a graph and returns the name of the vertex to continue from.
 */
final class Layers {

    private Layers() {
    }

    /** The graph builder every network here starts from: He initialisation, explicit padding. */
    static GraphBuilder start(NeuralNetConfiguration.Builder base, InputShape input) {
        return base.clone()
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Truncate)
                .graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.convolutional(input.height(), input.width(), input.channels()));
    }

    /** Fails unless both sides are at least {@code min}; {@code rule} says why, e.g. "downsamples 32x". */
    static void requireSide(String network, String rule, int min, InputShape input) {
        if (input.height() < min || input.width() < min) {
            throw new IllegalArgumentException(network + " " + rule + " and needs an input of at least "
                    + min + "x" + min + ", was " + input);
        }
    }

    /** Convolution with bias followed by ReLU, the only convolution these networks use. */
    static String conv(GraphBuilder g, String id, String in, int out, int kernel, int stride, int pad) {
        g.addLayer(id, new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).padding(pad, pad)
                .nOut(out).hasBias(true).activation(Activation.RELU).build(), in);
        return id;
    }

    /**
     * A grouped convolution as AlexNet's two-GPU layers: group {@code i} of {@code groups} sees only
     * its contiguous slice of the {@code inChannels} input channels and yields {@code out / groups}
     * maps; the groups' outputs are concatenated in order ({@code id} names the concatenation).
     */
    static String groupedConv(GraphBuilder g, String id, String in, int inChannels, int groups,
                              int out, int kernel, int stride, int pad) {
        if (inChannels % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException("grouped convolution " + id + " needs channels divisible by "
                    + groups + ", was " + inChannels + " in, " + out + " out");
        }
        int slice = inChannels / groups;
        String[] parts = new String[groups];
        for (int i = 0; i < groups; i++) {
            String group = id + "_g" + (i + 1);
            // Not DL4J's SubsetVertex itself, whose declared channel count is wrong (see the class).
            g.addVertex(group + "_in", new ChannelSubsetVertex(i * slice, (i + 1) * slice - 1), in);
            parts[i] = conv(g, group, group + "_in", out / groups, kernel, stride, pad);
        }
        g.addVertex(id, new MergeVertex(), parts);
        return id;
    }

    static String maxPool(GraphBuilder g, String id, String in, int kernel, int stride, int pad) {
        g.addLayer(id, new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(kernel, kernel)
                .stride(stride, stride).padding(pad, pad).build(), in);
        return id;
    }

    /**
     * A 3x3/2 max pool with Caffe's and torchvision's {@code ceil_mode=True} rounding: one zero row
     * and column on the bottom and right, then an unpadded floor-mode pool. For a side n this gives
     * floor((n - 2) / 2) + 1 = ceil((n - 3) / 2) + 1 maps, the ceil-mode count at every size, and
     * the same values, because every input here follows a ReLU (or an LRN or concatenation of
     * ReLU outputs), so a zero never exceeds the true maximum of a window.
     */
    static String ceilMaxPool(GraphBuilder g, String id, String in) {
        g.addLayer(id + "_pad", new ZeroPaddingLayer.Builder(0, 1, 0, 1).build(), in);
        return maxPool(g, id, id + "_pad", 3, 2, 0);
    }

    /**
     * LRN across channels over {@code n=5} neighbouring maps. DL4J uses Krizhevsky et al.'s form
     * x / (k + alpha * sum x^2)^beta, with no division of alpha by n (Caffe and torch divide).
     */
    static String lrn(GraphBuilder g, String id, String in, double k, double alpha) {
        g.addLayer(id, new LocalResponseNormalization.Builder().n(5).k(k).alpha(alpha).beta(0.75).build(), in);
        return id;
    }

    /** Dropout that zeroes a fraction {@code dropProbability}; DL4J's argument is the keep probability. */
    static String dropout(GraphBuilder g, String id, String in, double dropProbability) {
        g.addLayer(id, new DropoutLayer.Builder(1.0 - dropProbability).build(), in);
        return id;
    }

    static String dense(GraphBuilder g, String id, String in, int out) {
        g.addLayer(id, new DenseLayer.Builder().nOut(out).activation(Activation.RELU).build(), in);
        return id;
    }

    /** Fully connected softmax classifier trained with cross-entropy. */
    static String softmaxOutput(GraphBuilder g, String id, String in, int classes) {
        g.addLayer(id, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build(), in);
        return id;
    }

    /** Global average pooling then a parameter-free softmax, for networks whose last layer is a convolution. */
    static String globalAverageSoftmax(GraphBuilder g, String poolId, String in) {
        g.addLayer(poolId, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), in);
        g.addLayer("output", new LossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX).build(), poolId);
        return "output";
    }

    /**
     * The three fully connected layers of AlexNet, ZFNet and VGG (fc6, fc7 of 4096 units, ReLU, and
     * the softmax output) with dropout 0.5 where the reference has it: on the inputs of fc6 and fc7
     * ({@code dropoutBeforeFc6}, torchvision's AlexNet) or on the outputs of fc6 and fc7 (the
     * AlexNet paper, ZFNet and torchvision's VGG). A dropout layer is named after the vertex whose
     * output it drops ({@code fc6_dropout}). Ends in the vertex {@code output}.
     */
    static String fullyConnectedHead(GraphBuilder g, String in, int classes, boolean dropoutBeforeFc6) {
        String x = in;
        if (dropoutBeforeFc6) {
            x = dropout(g, in + "_dropout", x, 0.5);
            x = dense(g, "fc6", x, 4096);
            x = dropout(g, "fc6_dropout", x, 0.5);
            x = dense(g, "fc7", x, 4096);
        } else {
            x = dense(g, "fc6", x, 4096);
            x = dropout(g, "fc6_dropout", x, 0.5);
            x = dense(g, "fc7", x, 4096);
            x = dropout(g, "fc7_dropout", x, 0.5);
        }
        return softmaxOutput(g, "output", x, classes);
    }
}
