package org.cnnserve.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.cnnserve.IntegrationTest;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * The Fashion-MNIST-sized members of each family: they take a 28x28 grey image, their training
 * graphs learn (the loss falls on a batch they see repeatedly), and the training graph's weights
 * give the inference graph the same answers, auxiliary heads and stochastic depth notwithstanding.
 */
@IntegrationTest
class SmallNetworksTests {

    private static final ArchitectureCatalog CATALOG = ArchitectureCatalog.standard();
    private static final InputShape FASHION = new InputShape(28, 28, 1);

    static Stream<String> small() {
        return CATALOG.all().stream().map(Architecture::name).filter(n -> n.endsWith("_small"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("small")
    void itsTrainingGraphLearnsAndItsWeightsServeTheInferenceGraph(String name) {
        Architecture architecture = CATALOG.require(name);
        var base = new NeuralNetConfiguration.Builder().seed(7).updater(new Nesterovs(0.01, 0.9));
        ComputationGraph training = new ComputationGraph(architecture.trainingConfiguration(FASHION, 10, base));
        training.init();
        INDArray images = Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 8, 10);
        for (int i = 0; i < 8; i++) {
            labels.putScalar(i, i % 10, 1);
        }
        INDArray[] targets = new INDArray[training.getNumOutputArrays()];
        java.util.Arrays.fill(targets, labels);
        var batch = new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {images}, targets);
        // Scored in test mode, so that dropout and dropped blocks do not blur the comparison.
        double before = training.score(batch, false);
        for (int step = 0; step < 12; step++) {
            training.fit(batch);
        }
        assertThat(training.score(batch, false)).as("loss after 12 steps on one batch").isLessThan(before);

        ComputationGraph inference = new ComputationGraph(architecture.configuration(FASHION, 10,
                new NeuralNetConfiguration.Builder().seed(7)));
        inference.init();
        for (var layer : inference.getLayers()) {
            if (layer.numParams() > 0) {
                layer.setParams(training.getLayer(layer.getConfig().getLayerName()).params().dup());
            }
        }
        INDArray expected = training.output(false, images)[0];
        INDArray actual = inference.outputSingle(false, images);
        assertThat(actual.shape()).containsExactly(8, 10);
        assertThat(actual.equalsWithEps(expected, 1e-5)).as("inference graph with the trained weights").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("small")
    void itRefusesAnInputTooSmallForItsDownsampling(String name) {
        assertThatThrownBy(() -> CATALOG.require(name).configuration(new InputShape(2, 2, 1), 10,
                new NeuralNetConfiguration.Builder())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(name).hasMessageContaining("2x2x1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("small")
    void itsConfigurationsSurviveTheirJson(String name) {
        Architecture architecture = CATALOG.require(name);
        ComputationGraphConfiguration conf = architecture.trainingConfiguration(FASHION, 10,
                new NeuralNetConfiguration.Builder().seed(1));
        assertThat(ComputationGraphConfiguration.fromJson(conf.toJson())).isEqualTo(conf);
    }
}
