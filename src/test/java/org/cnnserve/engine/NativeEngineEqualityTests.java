package org.cnnserve.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.cnnserve.IntegrationTest;
import org.cnnserve.architectures.Architecture;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.architectures.ReferenceInputs;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every catalogue network gives the same outputs on the native engine as on DL4J's layers, from the same weights. */
@IntegrationTest
class NativeEngineEqualityTests {

    static Stream<String> architectures() {
        return ArchitectureCatalog.standard().all().stream().map(Architecture::name);
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void theNativeEngineComputesWhatDl4jComputes(String name) {
        Architecture architecture = ArchitectureCatalog.standard().require(name);
        InputShape input = ReferenceInputs.of(architecture);
        int classes = input.channels() == 1 ? 10 : 1000;
        ComputationGraph graph = new ComputationGraph(architecture.configuration(input, classes,
                new NeuralNetConfiguration.Builder().seed(7)));
        graph.init();
        randomiseBatchNorms(graph);
        Nd4j.getRandom().setSeed(11);
        INDArray nchw = Nd4j.rand(DataType.FLOAT, 2, input.channels(), input.height(), input.width());

        INDArray expected = graph.outputSingle(false, nchw.dup());
        INDArray actual = NativeCompiler.compile(graph, input).output(nchw.permute(0, 2, 3, 1).dup('c'));

        assertThat(actual.shape()).isEqualTo(expected.shape());
        double scale = Math.max(1e-12, expected.amaxNumber().doubleValue());
        double difference = actual.sub(expected).amaxNumber().doubleValue();
        assertThat(difference / scale).as("largest difference relative to the largest output").isLessThan(1e-4);
        assertThat(actual.argMax(1).toLongVector()).isEqualTo(expected.argMax(1).toLongVector());
    }

    /**
     * Trained BatchNorms are not the identity that initialisation leaves them: random statistics
     * and scales make a wrong fold or a wrong axis visible.
     */
    private static void randomiseBatchNorms(ComputationGraph graph) {
        Nd4j.getRandom().setSeed(3);
        for (Layer layer : graph.getLayers()) {
            if (layer.conf().getLayer() instanceof BatchNormalization) {
                var params = layer.paramTable();
                for (var entry : params.entrySet()) {
                    INDArray p = entry.getValue();
                    INDArray r = Nd4j.rand(p.dataType(), p.shape());
                    switch (entry.getKey()) {
                        case "gamma" -> p.assign(r.muli(1.0).addi(0.5));
                        case "beta", "mean" -> p.assign(r.subi(0.5));
                        case "var" -> p.assign(r.addi(0.5));
                        case "log10stdev" -> p.assign(r.muli(0.4).subi(0.2));
                        default -> { }
                    }
                    layer.setParam(entry.getKey(), p);
                }
            }
        }
    }
}
