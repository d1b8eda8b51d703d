package org.cnnserve.architectures;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
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
 * DenseNet-BC (Huang et al. 2017), laid out as torchvision's {@code torchvision.models.densenet}:
 * a 7x7/2 stem and 3x3/2 max pool; dense blocks whose layers are BN-ReLU-conv1x1(bn_size x growth)
 * -BN-ReLU-conv3x3(growth), each layer's output concatenated after its input; transitions
 * BN-ReLU-conv1x1 (halving the channels)-avgpool 2/2; a final BN and ReLU, global average pooling
 * and one fully connected layer. Convolutions have no bias, as in torchvision.
 */
final class DenseNet implements Architecture {

    /** torchvision's bn_size: the 1x1 bottleneck is this many times the growth rate wide. */
    private static final int BN_SIZE = 4;

    private final String name;
    private final int initialFeatures;
    private final int growth;
    private final int[] layersPerBlock;

    /** For example {@code new DenseNet("densenet121", 64, 32, 6, 12, 24, 16)}. */
    DenseNet(String name, int initialFeatures, int growth, int... layersPerBlock) {
        if (layersPerBlock.length == 0 || Arrays.stream(layersPerBlock).anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("a DenseNet needs at least one block of at least one layer, was "
                    + Arrays.toString(layersPerBlock));
        }
        if (initialFeatures < 1 || growth < 1) {
            throw new IllegalArgumentException("a DenseNet needs at least 1 initial feature and a growth of at least 1, was "
                    + initialFeatures + " and " + growth);
        }
        this.name = name;
        this.initialFeatures = initialFeatures;
        this.growth = growth;
        this.layersPerBlock = layersPerBlock.clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        int depth = 2 * Arrays.stream(layersPerBlock).sum() + layersPerBlock.length + 1;
        return "DenseNet-" + depth + " (Huang et al. 2017), dense blocks " + Arrays.toString(layersPerBlock)
                + ", growth " + growth + ", torchvision layout";
    }

    @Override
    public ComputationGraphConfiguration configuration(InputShape input, int classes, NeuralNetConfiguration.Builder base) {
        // The stem divides by 4 and each transition by 2: 32x for torchvision's four blocks.
        int downsampling = 4 << (layersPerBlock.length - 1);
        Layers.requireSide(name, "downsamples " + downsampling + "x", downsampling, input);
        GraphBuilder g = Layers.start(base, input);
        g.addLayer("conv0", conv(initialFeatures, 7, 2, 3), "input");
        g.addLayer("norm0", new BatchNormalization.Builder().build(), "conv0");
        g.addLayer("relu0", relu(), "norm0");
        g.addLayer("pool0", new SubsamplingLayer.Builder(PoolingType.MAX)
                .kernelSize(3, 3).stride(2, 2).padding(1, 1).build(), "relu0");
        String x = "pool0";
        int channels = initialFeatures;
        for (int b = 0; b < layersPerBlock.length; b++) {
            for (int l = 0; l < layersPerBlock[b]; l++) {
                x = denseLayer(g, "block" + (b + 1) + "_layer" + (l + 1), x);
                channels += growth;
            }
            if (b < layersPerBlock.length - 1) {
                channels /= 2;
                x = transition(g, "transition" + (b + 1), x, channels);
            }
        }
        g.addLayer("norm5", new BatchNormalization.Builder().build(), x);
        g.addLayer("relu5", relu(), "norm5");
        g.addLayer("avgpool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "relu5");
        g.addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build(), "avgpool");
        return g.setOutputs("output").build();
    }

    /** BN-ReLU-conv1x1-BN-ReLU-conv3x3, concatenated after its input; returns the concatenation. */
    private String denseLayer(GraphBuilder g, String id, String in) {
        String a = bnReluConv(g, id + "_1", in, BN_SIZE * growth, 1, 0);
        String b = bnReluConv(g, id + "_2", a, growth, 3, 1);
        // torchvision concatenates the earlier features first, then the new ones.
        g.addVertex(id + "_cat", new MergeVertex(), in, b);
        return id + "_cat";
    }

    /** BN-ReLU-conv1x1 to {@code out} channels, then average pooling 2/2. */
    private static String transition(GraphBuilder g, String id, String in, int out) {
        String c = bnReluConv(g, id, in, out, 1, 0);
        g.addLayer(id + "_pool", new SubsamplingLayer.Builder(PoolingType.AVG)
                .kernelSize(2, 2).stride(2, 2).padding(0, 0).avgPoolIncludePadInDivisor(false).build(), c);
        return id + "_pool";
    }

    /** Pre-activation unit: {@code <id>_norm}, {@code <id>_relu}, {@code <id>_conv}; returns the conv. */
    private static String bnReluConv(GraphBuilder g, String id, String in, int out, int kernel, int pad) {
        g.addLayer(id + "_norm", new BatchNormalization.Builder().build(), in);
        g.addLayer(id + "_relu", relu(), id + "_norm");
        g.addLayer(id + "_conv", conv(out, kernel, 1, pad), id + "_relu");
        return id + "_conv";
    }

    private static ConvolutionLayer conv(int out, int kernel, int stride, int pad) {
        return new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride)
                .padding(pad, pad).nOut(out).hasBias(false).activation(Activation.IDENTITY).build();
    }

    private static ActivationLayer relu() {
        return new ActivationLayer.Builder().activation(Activation.RELU).build();
    }
}
