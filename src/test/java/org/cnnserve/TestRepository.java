package org.cnnserve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A model repository for tests, made in a temporary folder: the shipped models copied from
 * {@code models/}, plus a model whose load fails (no weights, untrained not allowed).
 */
public final class TestRepository {

    /** The shipped repository; a system property can point elsewhere while weights are retrained. */
    private static final Path SHIPPED = Path.of(System.getProperty("cnnserve.test.models", "models"));

    private TestRepository() {
    }

    public static Path create(String... shippedModels) {
        try {
            Path root = Files.createTempDirectory("cnnserve-models");
            for (String name : shippedModels) {
                copy(SHIPPED.resolve(name), root.resolve(name));
            }
            Path broken = Files.createDirectories(root.resolve("broken").resolve("1"));
            Files.writeString(broken.getParent().resolve("model.yaml"), """
                    description: a model whose version folder has no weights
                    architecture: lenet5
                    input: {height: 28, width: 28, channels: 1}
                    classes: 2
                    preprocessing: {color: grey, resize_shorter: 0, mean: [0.5], std: [0.5], background: black}
                    """);
            Files.writeString(broken.getParent().resolve("labels.txt"), "yes\nno\n");
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
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
    }
}
