package org.cnnserve.architectures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
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

/**
 * For every architecture, the activation count the analysis gives each layer equals the number of
 * values the built network actually produces there in a forward pass. Run at a small input the
 * architecture accepts, so that the whole catalogue stays quick.
 */
@IntegrationTest
class ActivationCountTests {

    private static final ArchitectureCatalog CATALOG = ArchitectureCatalog.standard();

    static Stream<String> catalogue() {
        return CATALOG.all().stream().map(Architecture::name);
    }

    /** Large enough for every network's downsampling (the 2012 AlexNet needs 67x67). */
    private static InputShape small(Architecture architecture) {
        InputShape reference = ReferenceInputs.of(architecture);
        int side = reference.channels() == 1 ? reference.height() : 80;
        return new InputShape(side, side, reference.channels());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void everyLayersActivationCountIsWhatTheNetworkProduces(String name) {
        Architecture architecture = CATALOG.require(name);
        InputShape input = small(architecture);
        ComputationGraphConfiguration conf = architecture.configuration(input, 10,
                new NeuralNetConfiguration.Builder().seed(1));
        Analysis analysis = ArchitectureAnalysis.of(conf, input);
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        Map<String, INDArray> activations = graph.feedForward(
                Nd4j.rand(DataType.FLOAT, 1, input.channels(), input.height(), input.width()), false);
        long compared = 0;
        for (Analysis.Row row : analysis.rows()) {
            INDArray produced = activations.get(row.name());
            assertThat(produced).as("activations of %s", row.name()).isNotNull();
            assertThat(row.activations()).as("activations of %s", row.name()).isEqualTo(produced.length());
            compared++;
        }
        assertThat(compared).isEqualTo(analysis.rows().size()).isGreaterThan(0);
        graph.close();
    }
}
