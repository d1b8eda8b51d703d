package org.cnnserve.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.cnnserve.FashionImages;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.engine.Engine;
import org.cnnserve.imaging.ImageDecoder;
import org.cnnserve.imaging.ImageLimits;
import org.cnnserve.imaging.Preprocessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model folder that another framework wrote (src/test/resources/foreign/make_fashion_cnn.py: a CNN
 * trained with PyTorch, exported with torch.onnx.export) loads through the registry's loader and
 * answers as PyTorch does; folders that disagree with their model.onnx fail with what differs.
 */
class OnnxForeignModelTests {

    static final Path FOREIGN = Path.of("src/test/resources/foreign");

    @TempDir
    Path root;

    private static VersionLoader loader() {
        return new VersionFolderLoader(new GraphLoader(ArchitectureCatalog.standard()), new OnnxLoader(), null);
    }

    @Test
    void theServiceReproducesPyTorchsProbabilitiesAndTop1() throws IOException {
        ModelDefinition definition = new ModelRepository(FOREIGN).read("fashion-cnn");
        JsonNode expected = new JsonMapper().readTree(FOREIGN.resolve("fashion-cnn/expected.json").toFile());
        int n = expected.get("images").size();
        ModelConfig config = definition.config();
        ImageDecoder decoder = new ImageDecoder(new ImageLimits(1 << 20, 1 << 20));
        float[][] inputs = new float[n][];
        for (int i = 0; i < n; i++) {
            int image = expected.get("images").get(i).asInt();
            inputs[i] = Preprocessor.toTensor(decoder.decode(FashionImages.png(image)), config.preprocessing(),
                    config.input().height(), config.input().width());
        }

        VersionLoader.Loaded loaded = loader().load(definition, 1);
        float[][] probabilities = loaded.replica(config).predict(inputs);

        assertThat(loaded.engine()).isEqualTo(Engine.ONNX);
        assertThat(loaded.weights()).isEqualTo(WeightsStatus.TRAINED);
        for (int i = 0; i < n; i++) {
            JsonNode row = expected.get("probabilities").get(i);
            int top1 = 0;
            for (int c = 0; c < config.classes(); c++) {
                assertThat(probabilities[i][c]).as("image %d class %d", i, c)
                        .isCloseTo(row.get(c).floatValue(), within(1e-4f));
                top1 = probabilities[i][c] > probabilities[i][top1] ? c : top1;
            }
            assertThat(top1).as("image %d", i).isEqualTo(expected.get("top1").get(i).asInt());
        }
    }

    @Test
    void aConfigThatDisagreesWithTheFileFailsTheLoadWithWhatDiffers() throws IOException {
        ModelDefinition definition = copy("channels: 1", "channels: 3", "color: grey", "color: rgb",
                "mean: [0.286]", "mean: [0.286, 0.286, 0.286]", "std: [0.353]", "std: [0.353, 0.353, 0.353]");

        assertThatThrownBy(() -> loader().load(definition, 1))
                .hasMessageContaining("model.onnx takes input 'input' [N,1,28,28], model.yaml says 28x28x3");
    }

    @Test
    void anotherEngineThanOnnxForAModelOnnxIsRefused() throws IOException {
        ModelDefinition definition = copy("devices: [cpu]", "devices: [cpu]\nengine: native");

        assertThatThrownBy(() -> loader().load(definition, 1)).hasMessageContaining("engine: native");
    }

    @Test
    void aVersionWithNeitherModelOnnxNorAnArchitectureFailsWithBothWaysNamed() throws IOException {
        ModelDefinition definition = copy();
        Files.delete(definition.versionDirectory(1).resolve("model.onnx"));

        assertThatThrownBy(() -> loader().load(definition, 1))
                .hasMessageContaining("no model.onnx").hasMessageContaining("names no architecture");
    }

    /** The foreign model folder copied, with model.yaml edited by pairs of (old, new) text. */
    private ModelDefinition copy(String... replacements) throws IOException {
        Path from = FOREIGN.resolve("fashion-cnn");
        Path to = root.resolve("fashion-cnn");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        String yaml = Files.readString(to.resolve("model.yaml"));
        for (int i = 0; i < replacements.length; i += 2) {
            assertThat(yaml).contains(replacements[i]);
            yaml = yaml.replace(replacements[i], replacements[i + 1]);
        }
        Files.writeString(to.resolve("model.yaml"), yaml);
        return new ModelRepository(root).read("fashion-cnn");
    }
}
