package org.cnnserve.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewModelFolderTests {

    @TempDir
    Path repository;

    @Test
    void removesOnlyTheStagingFoldersOfRunsThatAreGone() throws IOException, InterruptedException {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path abandoned = Files.createDirectories(repository.resolve(".new-vgg-fashion-" + finished.pid()));
        Files.writeString(Files.createDirectories(abandoned.resolve("1")).resolve("weights.zip"), "partial");
        Path running = Files.createDirectories(repository.resolve(".new-vgg-fashion-" + ProcessHandle.current().pid()));
        Path model = Files.createDirectories(repository.resolve("lenet5-fashion"));

        assertThat(NewModelFolder.removeAbandoned(repository)).containsExactly(abandoned);

        assertThat(abandoned).doesNotExist();
        assertThat(running).isDirectory();
        assertThat(model).isDirectory();
    }
}
