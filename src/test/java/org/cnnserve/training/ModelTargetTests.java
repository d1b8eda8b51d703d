package org.cnnserve.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.imaging.ColorMode;
import org.cnnserve.registry.ModelRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTargetTests {

    @TempDir
    Path repository;

    private ModelTarget newModel() {
        NewModelFolder folder = NewModelFolder.stage(repository, "fresh", ArchitectureCatalog.standard().require("lenet5"),
                new InputShape(28, 28, 1), List.of("a", "b"),
                new PixelStatistics(ColorMode.GREY, new float[] {0.5f}, new float[] {0.25f}), "tiny");
        return new ModelTarget(new ModelRepository(repository).read(folder.stagingName()), folder);
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> entries = Files.list(repository)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void aNewModelIsStagedInAHiddenFolderTheRegistryDoesNotList() throws IOException {
        ModelTarget target = newModel();

        assertThat(entries()).singleElement().asString().startsWith(".new-fresh-");
        assertThat(target.definition().labels()).containsExactly("a", "b");
        assertThat(new ModelRepository(repository).modelNames()).isEmpty();
    }

    @Test
    void aNewModelTakesItsNameOnceTrainingSucceeds() throws IOException {
        newModel().train(() -> {
        });

        assertThat(entries()).containsExactly("fresh");
        assertThat(new ModelRepository(repository).read("fresh").config().architecture()).isEqualTo("lenet5");
    }

    @Test
    void aNewModelWhoseTrainingFailsLeavesNothingInTheRepository() throws IOException {
        ModelTarget target = newModel();

        assertThatThrownBy(() -> target.train(() -> {
            throw new TrainingException("out of memory");
        })).isInstanceOf(TrainingException.class).hasMessage("out of memory");

        assertThat(entries()).isEmpty();
    }
}
