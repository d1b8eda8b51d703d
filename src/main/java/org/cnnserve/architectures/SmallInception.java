package org.cnnserve.architectures;

import static org.cnnserve.architectures.Layers.conv;
import static org.cnnserve.architectures.Layers.dropout;
import static org.cnnserve.architectures.Layers.maxPool;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/**
 * GoogLeNet's design at Fashion-MNIST size (Szegedy et al. 2014): a 3x3 stem and pool, then
 * Inception modules (1x1; 1x1 then 3x3; 1x1 then 5x5; 3x3 max pool then 1x1, concatenated), a max
 * pool between the groups, global average pooling, dropout 0.4 and a softmax layer. For training it
 * adds an auxiliary classifier on the second module (average pool, 1x1 conv, fc, dropout 0.7,
 * softmax), as the paper does, which inference leaves out.
 */
final class SmallInception implements Architecture {

    @Override
    public String name() {
        return "inception_small";
    }

    @Override
    public String description() {
        return "GoogLeNet at 28x28 (Szegedy et al. 2014): conv3x3(32), pool, inception x2, pool, inception, "
                + "global average pool, dropout 0.4, fc; an auxiliary classifier while training";
    }

    @Override
    public ComputationGraphConfiguration configuration(InputShape input, int classes, NeuralNetConfiguration.Builder base) {
        return body(input, classes, base).setOutputs("output").build();
    }

    @Override
    public ComputationGraphConfiguration trainingConfiguration(InputShape input, int classes,
                                                               NeuralNetConfiguration.Builder base) {
        GraphBuilder g = body(input, classes, base);
        g.addLayer("aux_pool", new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(5, 5).stride(3, 3).build(),
                "inception_b");
        String x = conv(g, "aux_conv", "aux_pool", 64, 1, 1, 0);
        x = Layers.dense(g, "aux_fc", x, 128);
        x = dropout(g, "aux_dropout", x, 0.7);
        // The paper weighs the auxiliary losses by 0.3: every class weighted 0.3 scales the loss and its gradient.
        g.addLayer("aux_output", new OutputLayer.Builder(new LossMCXENT(Nd4j.valueArrayOf(new long[] {1, classes}, 0.3)))
                .nOut(classes).activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build(), x);
        return g.setOutputs("output", "aux_output").build();
    }

    private GraphBuilder body(InputShape input, int classes, NeuralNetConfiguration.Builder base) {
        Layers.requireSide(name(), "pools twice and its auxiliary head pools 5x5", 20, input);
        GraphBuilder g = Layers.start(base, input);
        String x = conv(g, "stem", "input", 32, 3, 1, 1);
        x = maxPool(g, "stem_pool", x, 2, 2, 0);
        x = inception(g, "inception_a", x, 16, 16, 32, 8, 8, 8);
        x = inception(g, "inception_b", x, 32, 32, 48, 8, 16, 16);
        x = maxPool(g, "pool_b", x, 2, 2, 0);
        x = inception(g, "inception_c", x, 48, 32, 64, 8, 16, 16);
        g.addLayer("avgpool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
        x = dropout(g, "avgpool_dropout", "avgpool", 0.4);
        Layers.softmaxOutput(g, "output", x, classes);
        return g;
    }

    /** Four branches concatenated: 1x1; 1x1 reduce, 3x3; 1x1 reduce, 5x5; 3x3/1 max pool, 1x1 projection. */
    private static String inception(GraphBuilder g, String id, String in, int c1, int r3, int c3, int r5, int c5,
                                    int pool) {
        String b1 = conv(g, id + "_1x1", in, c1, 1, 1, 0);
        String b3 = conv(g, id + "_3x3", conv(g, id + "_3x3_reduce", in, r3, 1, 1, 0), c3, 3, 1, 1);
        String b5 = conv(g, id + "_5x5", conv(g, id + "_5x5_reduce", in, r5, 1, 1, 0), c5, 5, 1, 2);
        String bp = conv(g, id + "_pool_proj", maxPool(g, id + "_pool", in, 3, 1, 1), pool, 1, 1, 0);
        g.addVertex(id, new MergeVertex(), b1, b3, b5, bp);
        return id;
    }
}
