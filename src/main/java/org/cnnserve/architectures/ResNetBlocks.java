package org.cnnserve.architectures;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * The residual blocks of {@link ResNet}, as torchvision's {@code BasicBlock} and {@code Bottleneck}.
 * Vertex names are {@code <block>_<n>_conv/_bn/_relu}, {@code <block>_proj_conv/_bn},
 * {@code <block>_add} and {@code <block>_relu}; trained resnet50 weights are stored under them.
 */
final class ResNetBlocks {

    /** A bottleneck's output is this many times its stage width. */
    static final int EXPANSION = 4;

    private ResNetBlocks() {
    }

    /** Two 3x3 convolutions; the first carries the stride. Returns the block's output vertex. */
    static String basic(GraphBuilder g, String id, String in, int inChannels, int width, int stride) {
        return basic(g, id, in, inChannels, width, stride, 0);
    }

    /** A basic block whose branch is dropped with {@code dropProbability} while training (stochastic depth). */
    static String basic(GraphBuilder g, String id, String in, int inChannels, int width, int stride,
                        double dropProbability) {
        String a = convBn(g, id + "_1", in, width, 3, stride, 1, true);
        String b = convBn(g, id + "_2", a, width, 3, 1, 1, false);
        return residual(g, id, in, b, inChannels, width, stride, dropProbability);
    }

    /**
     * 1x1 reduce to {@code width}, 3x3 (stride, in {@code groups} groups), 1x1 expand to
     * {@code out}. Returns the block's output vertex.
     */
    static String bottleneck(GraphBuilder g, String id, String in, int inChannels, int width, int groups, int out,
                             int stride) {
        String a = convBn(g, id + "_1", in, width, 1, 1, 0, true);
        String b = groups == 1
                ? convBn(g, id + "_2", a, width, 3, stride, 1, true)
                : bnRelu(g, groupedConv(g, id + "_2", a, width, groups, stride), true);
        String c = convBn(g, id + "_3", b, out, 1, 1, 0, false);
        return residual(g, id, in, c, inChannels, out, stride, 0);
    }

    /** Adds the shortcut (projected where the shape changes, as torchvision's downsample) and applies ReLU. */
    private static String residual(GraphBuilder g, String id, String in, String branch, int inChannels, int out,
                                   int stride, double dropProbability) {
        String shortcut = stride != 1 || inChannels != out
                ? convBn(g, id + "_proj", in, out, 1, stride, 0, false)
                : in;
        g.addVertex(id + "_add", dropProbability > 0 ? new StochasticDepthAddVertex(dropProbability)
                : new ElementWiseVertex(ElementWiseVertex.Op.Add), branch, shortcut);
        g.addLayer(id + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), id + "_add");
        return id + "_relu";
    }

    /**
     * A 3x3 grouped convolution of {@code width} channels, without bias, as a torchvision
     * {@code conv3x3(width, width, stride, groups)}. DL4J 1.0.0-M2.1's ConvolutionLayer has no
     * groups, so each group is a SubsetVertex ({@link ChannelSubsetVertex}) over its channel range
     * feeding its own convolution, and a MergeVertex named {@code <id>_conv} concatenates the groups
     * in order, as a grouped convolution orders its output channels. Returns {@code id}, the prefix
     * for {@link #bnRelu}.
     */
    static String groupedConv(GraphBuilder g, String id, String in, int width, int groups, int stride) {
        if (width % groups != 0) {
            throw new IllegalArgumentException("a grouped convolution's width must divide into its groups, was "
                    + width + " channels in " + groups + " groups");
        }
        int perGroup = width / groups;
        String[] outputs = new String[groups];
        for (int k = 0; k < groups; k++) {
            String slice = id + "_g" + k + "_in";
            g.addVertex(slice, new ChannelSubsetVertex(k * perGroup, (k + 1) * perGroup - 1), in); // inclusive
            outputs[k] = id + "_g" + k + "_conv";
            g.addLayer(outputs[k], new ConvolutionLayer.Builder(3, 3).stride(stride, stride).padding(1, 1)
                    .nOut(perGroup).hasBias(false).activation(Activation.IDENTITY).build(), slice);
        }
        g.addVertex(id + "_conv", new MergeVertex(), outputs);
        return id;
    }

    /** conv (no bias) + BN, optionally followed by ReLU; returns the name of the last vertex. */
    static String convBn(GraphBuilder g, String id, String in, int out, int kernel, int stride, int pad,
                         boolean relu) {
        g.addLayer(id + "_conv", new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride)
                .padding(pad, pad).nOut(out).hasBias(false).activation(Activation.IDENTITY).build(), in);
        return bnRelu(g, id, relu);
    }

    /** BN over {@code <id>_conv}, then ReLU if asked. */
    private static String bnRelu(GraphBuilder g, String id, boolean relu) {
        g.addLayer(id + "_bn", new BatchNormalization.Builder().build(), id + "_conv");
        if (!relu) {
            return id + "_bn";
        }
        g.addLayer(id + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), id + "_bn");
        return id + "_relu";
    }
}
