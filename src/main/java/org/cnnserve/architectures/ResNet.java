package org.cnnserve.architectures;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * ResNet with bottleneck blocks (He et al. 2015), laid out as torchvision's v1.5: the stride of a
 * downsampling block sits on its 3x3 convolution, projection shortcuts are 1x1 convolution + BN,
 * convolutions have no bias (BN follows each), and one fully connected layer follows global
 * average pooling.
 */
final class ResNet implements Architecture {

    private static final int EXPANSION = 4;
    private static final int[] STAGE_WIDTHS = {64, 128, 256, 512};

    private final String name;
    private final int[] blocksPerStage;

    ResNet(String name, int... blocksPerStage) {
        if (blocksPerStage.length != STAGE_WIDTHS.length) {
            throw new IllegalArgumentException("a ResNet has 4 stages, was given " + blocksPerStage.length);
        }
        this.name = name;
        this.blocksPerStage = blocksPerStage.clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        int depth = 2 + 3 * java.util.Arrays.stream(blocksPerStage).sum();
        return "ResNet-" + depth + " (He et al. 2015), bottleneck blocks "
                + java.util.Arrays.toString(blocksPerStage) + ", torchvision v1.5 layout";
    }

    @Override
    public ComputationGraphConfiguration configuration(InputShape input, int classes, NeuralNetConfiguration.Builder base) {
        if (input.height() < 32 || input.width() < 32) {
            throw new IllegalArgumentException(name + " downsamples 32x and needs an input of at least 32x32, was " + input);
        }
        GraphBuilder g = base.clone()
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Truncate)
                .graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.convolutional(input.height(), input.width(), input.channels()));
        String x = convBn(g, "stem", "input", 64, 7, 2, 3, true);
        g.addLayer("stem_pool", new SubsamplingLayer.Builder(PoolingType.MAX)
                .kernelSize(3, 3).stride(2, 2).padding(1, 1).build(), x);
        x = "stem_pool";
        for (int stage = 0; stage < STAGE_WIDTHS.length; stage++) {
            for (int block = 0; block < blocksPerStage[stage]; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                boolean project = block == 0;
                x = bottleneck(g, "s" + (stage + 1) + "b" + (block + 1), x, STAGE_WIDTHS[stage], stride, project);
            }
        }
        g.addLayer("avgpool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
        g.addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build(), "avgpool");
        return g.setOutputs("output").build();
    }

    private static String bottleneck(GraphBuilder g, String id, String in, int width, int stride, boolean project) {
        String a = convBn(g, id + "_1", in, width, 1, 1, 0, true);
        String b = convBn(g, id + "_2", a, width, 3, stride, 1, true);
        String c = convBn(g, id + "_3", b, width * EXPANSION, 1, 1, 0, false);
        String shortcut = project ? convBn(g, id + "_proj", in, width * EXPANSION, 1, stride, 0, false) : in;
        g.addVertex(id + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), c, shortcut);
        g.addLayer(id + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), id + "_add");
        return id + "_relu";
    }

    /** conv (no bias) + BN, optionally followed by ReLU; returns the name of the last vertex. */
    private static String convBn(GraphBuilder g, String id, String in, int out, int kernel, int stride, int pad,
                                 boolean relu) {
        g.addLayer(id + "_conv", new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride)
                .padding(pad, pad).nOut(out).hasBias(false).activation(Activation.IDENTITY).build(), in);
        g.addLayer(id + "_bn", new BatchNormalization.Builder().build(), id + "_conv");
        if (!relu) {
            return id + "_bn";
        }
        g.addLayer(id + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), id + "_bn");
        return id + "_relu";
    }
}
