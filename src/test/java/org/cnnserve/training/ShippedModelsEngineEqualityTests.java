package org.cnnserve.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.cnnserve.IntegrationTest;
import org.cnnserve.datasets.DatasetCatalog;
import org.cnnserve.datasets.LabelMapping;
import org.cnnserve.datasets.LabelledImages;
import org.cnnserve.engine.NativeCompiler;
import org.cnnserve.engine.NativeModel;
import org.cnnserve.imaging.ImageDecoder;
import org.cnnserve.imaging.ImageLimits;
import org.cnnserve.registry.ModelDefinition;
import org.cnnserve.registry.ModelRepository;
import org.cnnserve.engine.GraphModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The native engine and DL4J's layers agree on the shipped weights: the same top-1 on the committed
 * data set that each shipped model with a validation data set names, and the same probabilities on
 * real images. (What the service answers, and that it is the published figure, is
 * {@code PublishedAccuracyTests}' part.)
 */
@IntegrationTest
class ShippedModelsEngineEqualityTests {

    private static final ModelRepository SHIPPED = new ModelRepository(Path.of("models"));

    static Stream<String> modelsWithAValidationDataset() {
        return SHIPPED.modelNames().stream().filter(name -> SHIPPED.read(name).config().validation().dataset() != null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelsWithAValidationDataset")
    void theNativeEngineAndDl4jFindTheSameTop1OnTheShippedWeights(String name) throws Exception {
        ModelDefinition d = SHIPPED.read(name);
        int latest = d.versions().get(d.versions().size() - 1);
        ComputationGraph graph = ModelSerializer.restoreComputationGraph(
                d.versionDirectory(latest).resolve(ModelRepository.WEIGHTS_FILE).toFile(), false);
        LabelledImages test = new DatasetCatalog(Path.of("datasets"), new ImageDecoder(new ImageLimits(1 << 20, 1 << 20)))
                .open(d.config().validation().dataset());
        assertThat(test.size()).isEqualTo(10_000);

        var tensors = new Tensors(test, LabelMapping.of(test, d.labels()), d.config().preprocessing(),
                d.config().input());

        var nativeModel = new NativeModel(NativeCompiler.compile(graph, d.config().input()), d.config().input(),
                d.config().classes());
        var dl4jModel = new GraphModel(graph, d.config().input(), d.config().classes());
        double nativeTop1 = Accuracy.top1(nativeModel, tensors, Integer.MAX_VALUE);
        double dl4j = Accuracy.top1(dl4jModel, tensors, Integer.MAX_VALUE);

        assertThat(nativeTop1).as("top-1 on the native engine and on DL4J's layers").isEqualTo(dl4j);
        float[][] images = firstImages(tensors);
        assertSameProbabilities(nativeModel.predict(images), dl4jModel.predict(images));
    }

    private static float[][] firstImages(Tensors tensors) {
        float[][] images = new float[64][];
        for (int i = 0; i < images.length; i++) {
            images[i] = tensors.input(i);
        }
        return images;
    }

    /** Real images, not only random ones: every probability within 1e-4 of the largest. */
    private static void assertSameProbabilities(float[][] actual, float[][] expected) {
        for (int i = 0; i < expected.length; i++) {
            float largest = 0;
            for (float p : expected[i]) {
                largest = Math.max(largest, Math.abs(p));
            }
            for (int k = 0; k < expected[i].length; k++) {
                assertThat(Math.abs(actual[i][k] - expected[i][k])).as("image %d class %d", i, k)
                        .isLessThanOrEqualTo(1e-4f * largest);
            }
        }
    }
}
