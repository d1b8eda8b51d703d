package org.cnnserve.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.engine.Engine;
import org.cnnserve.export.OnnxExport;
import org.cnnserve.export.OnnxRuntimeCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code engine: onnx} on a model that names its architecture: the registry exports the version's DL4J
 * graph when it loads and serves it on ONNX Runtime, with the same answers as the native engine and the
 * architecture's own arithmetic.
 */
class ExportedOnnxEngineTests {

    private static final Path MODELS = Path.of("models");

    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(strings = {"lenet5-fashion", "squeezenet-fashion"})
    void aShippedModelOnTheOnnxEngineAnswersAsTheNativeEngineDoes(String name) throws IOException {
        ModelDefinition onnx = copy(name, "engine: onnx");
        ModelDefinition compiled = copy(name, "engine: native");
        ModelConfig config = onnx.config();
        float[][] inputs = inputs(config, 4);

        VersionLoader.Loaded exported = loader(OnnxExport::export).load(onnx, 1);
        VersionLoader.Loaded reference = loader(OnnxExport::export).load(compiled, 1);
        float[][] got = exported.replica(config).predict(inputs);
        float[][] want = reference.replica(compiled.config()).predict(inputs);

        assertThat(exported.engine()).isEqualTo(Engine.ONNX);
        assertThat(reference.engine()).isEqualTo(Engine.NATIVE);
        assertThat(exported.weights()).isEqualTo(WeightsStatus.TRAINED);
        assertThat(exported.parameters()).isEqualTo(reference.parameters());
        assertThat(exported.macs()).isEqualTo(reference.macs());
        OnnxRuntimeCheck.assertSameProbabilities(got, want, config.classes());
    }

    @Test
    void withoutAnExporterTheOnnxEngineOnAnArchitectureFailsWithTheReason() throws IOException {
        ModelDefinition onnx = copy("lenet5-fashion", "engine: onnx");

        assertThatThrownBy(() -> loader(null).load(onnx, 1))
                .hasMessageContaining("engine: onnx, but version 1 has no model.onnx and no ONNX exporter");
    }

    private static VersionLoader loader(GraphConversion conversion) {
        return new VersionFolderLoader(new GraphLoader(ArchitectureCatalog.standard()), new OnnxLoader(), conversion);
    }

    private ModelDefinition copy(String name, String engineLine) throws IOException {
        Path dir = Files.createDirectories(root.resolve(engineLine.replace(": ", "-")).resolve(name));
        Path source = MODELS.resolve(name);
        String yaml = Files.readString(source.resolve(ModelRepository.CONFIG_FILE));
        Files.writeString(dir.resolve(ModelRepository.CONFIG_FILE), yaml + "\n" + engineLine + "\n");
        Files.copy(source.resolve("labels.txt"), dir.resolve("labels.txt"));
        Files.createDirectories(dir.resolve("1"));
        Files.copy(source.resolve("1").resolve(ModelRepository.WEIGHTS_FILE), dir.resolve("1")
                .resolve(ModelRepository.WEIGHTS_FILE));
        return new ModelRepository(dir.getParent()).read(name);
    }

    private static float[][] inputs(ModelConfig config, int n) {
        Random random = new Random(11);
        int size = config.input().channels() * config.input().height() * config.input().width();
        float[][] inputs = new float[n][size];
        for (float[] input : inputs) {
            for (int j = 0; j < size; j++) {
                input[j] = (float) random.nextGaussian();
            }
        }
        return inputs;
    }
}
