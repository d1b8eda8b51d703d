package org.cnnserve.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRepositoryTests {

    private static final String CONFIG = """
            architecture: lenet5
            input: {height: 28, width: 28, channels: 1}
            classes: 3
            preprocessing: {color: grey, resize_shorter: 0, mean: [0.5], std: [0.5], background: black}
            """;

    @TempDir
    Path root;

    private Path model(String name, String config, String labels) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        Files.writeString(dir.resolve("model.yaml"), config);
        Files.writeString(dir.resolve("labels.txt"), labels);
        return dir;
    }

    @Test
    void readsConfigLabelsAndNumericVersionsInOrder() throws IOException {
        Path dir = model("m", CONFIG, "a\nb\nc\n");
        for (String v : new String[] {"10", "2", "1", "latest", ".training-3-77"}) {
            Files.createDirectories(dir.resolve(v));
        }
        ModelDefinition d = new ModelRepository(root).read("m");
        assertThat(d.config().architecture()).isEqualTo("lenet5");
        assertThat(d.config().input().toString()).isEqualTo("28x28x1");
        assertThat(d.labels()).containsExactly("a", "b", "c");
        assertThat(d.versions()).containsExactly(1, 2, 10);
        assertThat(d.versionsToLoad()).containsExactly(10);
        assertThat(d.config().weights().allowUntrained()).isFalse();
    }

    @Test
    void listsOnlyFoldersWithAConfig() throws IOException {
        model("b", CONFIG, "a\nb\nc\n");
        model("a", CONFIG, "a\nb\nc\n");
        Files.createDirectories(root.resolve("not-a-model"));
        assertThat(new ModelRepository(root).modelNames()).containsExactly("a", "b");
    }

    @Test
    void aLabelCountThatDiffersFromClassesIsAnError() throws IOException {
        model("m", CONFIG, "a\nb\n");
        assertThatThrownBy(() -> new ModelRepository(root).read("m"))
                .isInstanceOf(ModelRepositoryException.class)
                .hasMessageContaining("has 2 labels but the model has 3 classes");
    }

    @Test
    void anUnknownKeyIsAnErrorThatNamesTheFile() throws IOException {
        model("m", CONFIG + "colour: red\n", "a\nb\nc\n");
        assertThatThrownBy(() -> new ModelRepository(root).read("m"))
                .isInstanceOf(ModelRepositoryException.class)
                .hasMessageContaining("model.yaml").hasMessageContaining("colour");
    }

    @Test
    void aChannelCountThatContradictsTheColourModeIsAnError() throws IOException {
        model("m", CONFIG.replace("channels: 1", "channels: 3"), "a\nb\nc\n");
        assertThatThrownBy(() -> new ModelRepository(root).read("m"))
                .isInstanceOf(ModelRepositoryException.class)
                .hasMessageContaining("input has 3");
    }
}
