package org.cnnserve.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.engine.Engine;
import org.cnnserve.engine.NativeModel;
import org.cnnserve.engine.GraphModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which engine a loaded version runs on, from its model.yaml. */
class GraphLoaderTests {

    @TempDir
    Path root;

    private ModelDefinition model(String engineLine) throws IOException {
        Path dir = Files.createDirectories(root.resolve("m"));
        Files.writeString(dir.resolve("model.yaml"), """
                architecture: lenet5
                input: {height: 28, width: 28, channels: 1}
                classes: 3
                preprocessing: {color: grey, resize_shorter: 0, mean: [0.5], std: [0.5]}
                weights: {allow_untrained: true, seed: 1}
                """ + engineLine);
        Files.writeString(dir.resolve("labels.txt"), "a\nb\nc\n");
        Files.createDirectories(dir.resolve("1"));
        return new ModelRepository(root).read("m");
    }

    private GraphLoader.Loaded load(ModelDefinition definition) {
        return new GraphLoader(ArchitectureCatalog.standard()).load(definition, 1);
    }

    /** No engine line is {@code auto}: on the CPU backend a compilable network runs natively. */
    @ParameterizedTest
    @CsvSource({"'', NATIVE", "'engine: auto', NATIVE", "'engine: native', NATIVE", "'engine: dl4j', DL4J"})
    void theConfiguredEngineRunsTheReplica(String engineLine, Engine expected) throws IOException {
        ModelDefinition definition = model(engineLine + "\n");
        GraphLoader.Loaded loaded = load(definition);

        assertThat(loaded.engine()).isEqualTo(expected);
        assertThat(loaded.replica(definition.config()))
                .isInstanceOf(expected == Engine.NATIVE ? NativeModel.class : GraphModel.class);
        assertThat(loaded.graph() == null).as("the DL4J graph is kept only to run it").isEqualTo(expected == Engine.NATIVE);
    }

    @Test
    void bothEnginesGiveTheSameProbabilities() throws IOException {
        ModelDefinition dl4j = model("engine: dl4j\n");
        float[][] expected = load(dl4j).replica(dl4j.config()).predict(images());
        ModelDefinition nativeEngine = model("engine: native\n");
        float[][] actual = load(nativeEngine).replica(nativeEngine.config()).predict(images());
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).containsExactly(expected[i], org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void anUnknownEngineIsAConfigError() {
        assertThatThrownBy(() -> model("engine: tensorrt\n"))
                .isInstanceOf(ModelRepositoryException.class)
                .hasMessageContaining("engine must be one of [auto, native, dl4j, onnx], was 'tensorrt'");
    }

    private static float[][] images() {
        float[][] images = new float[3][28 * 28];
        for (int i = 0; i < images.length; i++) {
            for (int p = 0; p < 28 * 28; p++) {
                images[i][p] = (float) Math.sin(p * 0.01 * (i + 1));
            }
        }
        return images;
    }
}
