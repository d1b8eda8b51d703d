package org.cnnserve.architectures;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * LeNet-5 (LeCun et al. 1998) with its layer sizes: C1 6@5x5, S2, C3 16@5x5, S4, C5 120, F6 84,
 * output. Two modern substitutions, as in most re-implementations: ReLU instead of the scaled tanh
 * and max pooling instead of trainable subsampling. C1 pads by 2 so that a 28x28 image sees the
 * 32x32 field the original network was designed for.
 */
final class LeNet5 implements Architecture {

    @Override
    public String name() {
        return "lenet5";
    }

    @Override
    public String description() {
        return "LeNet-5 (LeCun et al. 1998): conv5x5(6)-pool-conv5x5(16)-pool-fc120-fc84, ReLU and max pooling";
    }

    @Override
    public ComputationGraphConfiguration configuration(InputShape input, int classes, NeuralNetConfiguration.Builder base) {
        if (input.height() < 12 || input.width() < 12) {
            throw new IllegalArgumentException("lenet5 needs an input of at least 12x12, was " + input);
        }
        return base.clone()
                .weightInit(WeightInit.RELU)
                .graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.convolutional(input.height(), input.width(), input.channels()))
                .addLayer("c1", new ConvolutionLayer.Builder(5, 5).padding(2, 2).nOut(6)
                        .activation(Activation.RELU).build(), "input")
                .addLayer("s2", maxPool(), "c1")
                .addLayer("c3", new ConvolutionLayer.Builder(5, 5).nOut(16)
                        .activation(Activation.RELU).build(), "s2")
                .addLayer("s4", maxPool(), "c3")
                .addLayer("c5", new DenseLayer.Builder().nOut(120).activation(Activation.RELU).build(), "s4")
                .addLayer("f6", new DenseLayer.Builder().nOut(84).activation(Activation.RELU).build(), "c5")
                .addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                        .activation(Activation.SOFTMAX).build(), "f6")
                .setOutputs("output")
                .build();
    }

    private static SubsamplingLayer maxPool() {
        return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }
}
