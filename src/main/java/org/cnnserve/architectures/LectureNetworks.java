package org.cnnserve.architectures;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The pieces of networks the lecture does arithmetic on, as small graph configurations for the
 * analysis: AlexNet's first layer, the naive and the bottleneck Inception module, and VGG-16
 * (configuration D of Simonyan and Zisserman 2014) for when the catalogue has none.
 */
final class LectureNetworks {

    /** The lecture's Inception example: a 28x28x256 feature map from the previous layer. */
    static final int INCEPTION_SIZE = 28;
    static final int INCEPTION_DEPTH = 256;

    private LectureNetworks() {
    }

    /** AlexNet's CONV1: 96 11x11 filters at stride 4 on a 227x227x3 image. */
    static ComputationGraphConfiguration alexNetConv1() {
        GraphBuilder g = graph(InputType.convolutional(227, 227, 3));
        g.addLayer("conv1", conv(11, 4, 0, 96), "input");
        return g.setOutputs("conv1").build();
    }

    /** 1x1 128, 3x3 192, 5x5 96 and a 3x3 max pool, all on the module's input, concatenated. */
    static ComputationGraphConfiguration naiveInception() {
        GraphBuilder g = inceptionInput();
        g.addLayer("1x1", conv(1, 1, 0, 128), "input");
        g.addLayer("3x3", conv(3, 1, 1, 192), "input");
        g.addLayer("5x5", conv(5, 1, 2, 96), "input");
        g.addLayer("pool", maxPool(3, 1, 1), "input");
        g.addVertex("concat", new MergeVertex(), "1x1", "3x3", "5x5", "pool");
        return g.setOutputs("concat").build();
    }

    /** The same with 64-channel 1x1 bottlenecks before the 3x3 and the 5x5, and after the pool. */
    static ComputationGraphConfiguration bottleneckInception() {
        GraphBuilder g = inceptionInput();
        g.addLayer("1x1", conv(1, 1, 0, 128), "input");
        g.addLayer("3x3_reduce", conv(1, 1, 0, 64), "input");
        g.addLayer("3x3", conv(3, 1, 1, 192), "3x3_reduce");
        g.addLayer("5x5_reduce", conv(1, 1, 0, 64), "input");
        g.addLayer("5x5", conv(5, 1, 2, 96), "5x5_reduce");
        g.addLayer("pool", maxPool(3, 1, 1), "input");
        g.addLayer("pool_proj", conv(1, 1, 0, 64), "pool");
        g.addVertex("concat", new MergeVertex(), "1x1", "3x3", "5x5", "pool_proj");
        return g.setOutputs("concat").build();
    }

    /** VGG-16: thirteen 3x3 convolutions (pad 1) in five stages, each closed by a 2x2 max pool, then 4096-4096-1000. */
    static ComputationGraphConfiguration vgg16() {
        int[][] stages = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
        GraphBuilder g = graph(InputType.convolutional(224, 224, 3));
        String x = "input";
        for (int s = 0; s < stages.length; s++) {
            for (int c = 0; c < stages[s].length; c++) {
                String name = "conv" + (s + 1) + "_" + (c + 1);
                g.addLayer(name, conv(3, 1, 1, stages[s][c]), x);
                x = name;
            }
            g.addLayer("pool" + (s + 1), maxPool(2, 2, 0), x);
            x = "pool" + (s + 1);
        }
        g.addLayer("fc6", new DenseLayer.Builder().nOut(4096).activation(Activation.RELU).build(), x);
        g.addLayer("fc7", new DenseLayer.Builder().nOut(4096).activation(Activation.RELU).build(), "fc6");
        g.addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(1000)
                .activation(Activation.SOFTMAX).build(), "fc7");
        return g.setOutputs("output").build();
    }

    private static GraphBuilder inceptionInput() {
        return graph(InputType.convolutional(INCEPTION_SIZE, INCEPTION_SIZE, INCEPTION_DEPTH));
    }

    private static GraphBuilder graph(InputType input) {
        return new NeuralNetConfiguration.Builder()
                .convolutionMode(ConvolutionMode.Truncate)
                .graphBuilder()
                .addInputs("input")
                .setInputTypes(input);
    }

    private static ConvolutionLayer conv(int kernel, int stride, int pad, int out) {
        return new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).padding(pad, pad).nOut(out)
                .activation(Activation.RELU).build();
    }

    private static SubsamplingLayer maxPool(int kernel, int stride, int pad) {
        return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(kernel, kernel).stride(stride, stride)
                .padding(pad, pad).build();
    }
}
