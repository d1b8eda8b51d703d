package org.cnnserve.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.architectures.InputShape;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LayerKernelsTests {

    private static final InputShape FASHION = new InputShape(28, 28, 1);

    /** Convolutions, BatchNorm and a max pool, and no dropout, whose masks would differ between graphs. */
    private static ComputationGraphConfiguration resnetSmall(DataType type) {
        return ArchitectureCatalog.standard().require("resnet_small").configuration(FASHION, 10,
                new NeuralNetConfiguration.Builder().seed(7).dataType(type));
    }

    @Test
    void convolutionBatchNormAndPoolingLayersGetANativeHelper() {
        ComputationGraph graph = LayerKernels.build(resnetSmall(DataType.FLOAT));

        for (Layer layer : graph.getLayers()) {
            boolean helped = layer instanceof ConvolutionLayer || layer instanceof SubsamplingLayer
                    || layer instanceof BatchNormalization;
            assertThat(layer.getHelper() != null).as(layer.getConfig().getLayerName()).isEqualTo(helped);
        }
        assertThat(LayerKernels.describe(graph)).isEqualTo("23 of 34 layers on native ops");
    }

    @Test
    void graphsBuiltElsewhereKeepDl4jsDefault() {
        LayerKernels.build(resnetSmall(DataType.FLOAT));

        ComputationGraph plain = new ComputationGraph(resnetSmall(DataType.FLOAT));
        plain.init();

        assertThat(LayerKernels.describe(plain)).isEqualTo("0 of 34 layers on native ops");
    }

    /**
     * Measured over all parameters at once, as fp32 noise in one BatchNorm shift's gradient (a sum
     * that nearly cancels) is 1e-2 of that parameter on either path. Here the helpers come within
     * 2.3e-3 of the reference and DL4J's own path within 7.6e-4; a wrong backward pass is off by
     * tens of percent.
     */
    @Test
    void nativeHelperGradientsMatchADoublePrecisionReference() {
        ComputationGraph helped = LayerKernels.build(resnetSmall(DataType.FLOAT));
        ComputationGraph reference = new ComputationGraph(resnetSmall(DataType.DOUBLE));
        reference.init();
        reference.setParams(helped.params().castTo(DataType.DOUBLE));
        Nd4j.getRandom().setSeed(3);
        INDArray images = Nd4j.randn(DataType.FLOAT, 32, 1, 28, 28);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 32, 10);
        for (int i = 0; i < 32; i++) {
            labels.putScalar(i, i % 10, 1);
        }

        Map<String, INDArray> expected = gradients(reference, images.castTo(DataType.DOUBLE),
                labels.castTo(DataType.DOUBLE));
        Map<String, INDArray> actual = gradients(helped, images, labels);

        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        double difference = 0;
        double norm = 0;
        for (var entry : expected.entrySet()) {
            difference += Math.pow(actual.get(entry.getKey()).castTo(DataType.DOUBLE).sub(entry.getValue())
                    .norm2Number().doubleValue(), 2);
            norm += Math.pow(entry.getValue().norm2Number().doubleValue(), 2);
        }
        assertThat(Math.sqrt(difference / norm)).isLessThan(1e-2);
    }

    /** Gradients of the loss in training mode (BatchNorm on batch statistics). */
    private static Map<String, INDArray> gradients(ComputationGraph graph, INDArray images, INDArray labels) {
        graph.setInputs(images);
        INDArray[] targets = new INDArray[graph.getNumOutputArrays()];
        Arrays.fill(targets, labels);
        graph.setLabels(targets);
        graph.computeGradientAndScore();
        return graph.gradient().gradientForVariable();
    }
}
