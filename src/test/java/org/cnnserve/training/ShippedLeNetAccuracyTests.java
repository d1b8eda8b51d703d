package org.cnnserve.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.cnnserve.datasets.IdxImages;
import org.cnnserve.registry.ModelDefinition;
import org.cnnserve.registry.ModelRepository;
import org.cnnserve.serving.GraphModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;

/** The LeNet-5 weights that ship in models/ reach the accuracy the README states, on the shipped test split. */
class ShippedLeNetAccuracyTests {

    @Test
    void shippedLeNet5ReachesAtLeast89PercentTop1OnTheFashionMnistTestSplit() throws IOException {
        ModelDefinition d = new ModelRepository(Path.of("models")).read("lenet5-fashion");
        int latest = d.versions().get(d.versions().size() - 1);
        ComputationGraph graph = ModelSerializer.restoreComputationGraph(
                d.versionDirectory(latest).resolve(ModelRepository.WEIGHTS_FILE).toFile(), false);
        IdxImages test = IdxImages.read(Path.of("datasets", "fashion-mnist"), "t10k");
        assertThat(test.count()).isEqualTo(10_000);

        double top1 = Accuracy.top1(new GraphModel(graph, d.config().input(), d.config().classes()),
                new IdxTensors(test, d.config().preprocessing(), d.config().input()), Integer.MAX_VALUE);

        assertThat(top1).isGreaterThanOrEqualTo(0.89);
    }
}
