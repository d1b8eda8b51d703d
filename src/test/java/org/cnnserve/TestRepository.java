package org.cnnserve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A model repository for tests, made in a temporary folder: the shipped models copied from
 * {@code models/}, plus a model whose load fails (no weights, untrained not allowed).
 *
 * <p>Only a model's tracked files are copied, never what a run of the service or of {@code train}
 * left beside them (stored validation reports under {@code <version>/validations/}, a new untrained
 * version, training scratch files): a test must see the same repository in a developer's
 * checkout as in CI's clean clone.
 */
public final class TestRepository {

    /** The shipped repository; a system property can point elsewhere while weights are retrained. */
    private static final Path SHIPPED = Path.of(System.getProperty("cnnserve.test.models", "models"));

    private TestRepository() {
    }

    public static Path create(String... shippedModels) {
        return create(SHIPPED, shippedModels);
    }

    /** As {@link #create(String...)}, copying the models from {@code shipped}. */
    static Path create(Path shipped, String... shippedModels) {
        try {
            Path root = Files.createTempDirectory("cnnserve-models");
            for (String name : shippedModels) {
                copy(shipped.resolve(name), root.resolve(name));
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
        for (Path relative : modelFiles(from)) {
            Path target = to.resolve(relative.toString());
            Files.createDirectories(target.getParent());
            Files.copy(from.resolve(relative), target);
        }
    }

    /**
     * The files of the model folder {@code model}, relative to it: those git tracks when the folder is
     * in a git checkout (as in CI's clone and a developer's), else the files a model is made of.
     */
    static List<Path> modelFiles(Path model) throws IOException {
        if (!Files.isDirectory(model)) {
            throw new IOException("no model folder " + model.toAbsolutePath());
        }
        List<Path> tracked = trackedFiles(model);
        return tracked.isEmpty() ? modelShapedFiles(model) : tracked;
    }

    /** What {@code git ls-files} lists under {@code model}; empty when git is absent or tracks nothing there. */
    private static List<Path> trackedFiles(Path model) throws IOException {
        Process git;
        try {
            git = new ProcessBuilder("git", "-C", model.toString(), "ls-files", "-z", "--", ".")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return List.of();
        }
        String listing = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!git.waitFor(30, TimeUnit.SECONDS) || git.exitValue() != 0) {
                git.destroyForcibly();
                return List.of();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while listing the tracked files of " + model, e);
        }
        List<Path> files = new ArrayList<>();
        for (String name : listing.split("\0")) {
            if (!name.isEmpty()) {
                files.add(Path.of(name));
            }
        }
        return files;
    }

    /**
     * Outside git: the folder's own files (model.yaml, labels.txt and their notes) and, in each numbered
     * version folder, the files directly inside it (weights, training.json), but no hidden file and
     * nothing in a version's subfolders, which is where the service stores its reports.
     */
    private static List<Path> modelShapedFiles(Path model) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(model)) {
            for (Path entry : entries.sorted().toList()) {
                String name = entry.getFileName().toString();
                if (Files.isRegularFile(entry) && !name.startsWith(".")) {
                    files.add(model.relativize(entry));
                } else if (Files.isDirectory(entry) && name.matches("[0-9]+")) {
                    try (Stream<Path> versionFiles = Files.list(entry)) {
                        versionFiles.filter(Files::isRegularFile).sorted().map(model::relativize).forEach(files::add);
                    }
                }
            }
        }
        return files;
    }
}
