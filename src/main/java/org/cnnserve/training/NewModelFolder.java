package org.cnnserve.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cnnserve.architectures.Architecture;
import org.cnnserve.architectures.InputShape;

/**
 * A model folder for an architecture trained from scratch: {@code model.yaml} and {@code labels.txt}
 * written into a hidden folder of the repository (which the registry does not list), trained into,
 * and renamed to its name only when its first version is complete.
 */
final class NewModelFolder {

    private static final Pattern STAGING = Pattern.compile("\\.new-.+-(\\d+)");

    private final Path repository;
    private final String name;
    private final Path staging;

    private NewModelFolder(Path repository, String name, Path staging) {
        this.repository = repository;
        this.name = name;
        this.staging = staging;
    }

    /**
     * @param pixels  colour mode, mean and standard deviation of the training pixels, for the preprocessing
     * @param dataset the validation data set folder name the model config names
     */
    static NewModelFolder stage(Path repository, String name, Architecture architecture, InputShape input,
                                List<String> labels, PixelStatistics pixels, String dataset) {
        Path staging = repository.resolve(".new-" + name + "-" + ProcessHandle.current().pid());
        try {
            removeAbandoned(repository);
            Files.createDirectories(staging);
            Files.write(staging.resolve("labels.txt"), labels);
            Files.writeString(staging.resolve("model.yaml"), String.format(Locale.ROOT, """
                    # Written by the train command; how the weights were made is in <version>/training.json.
                    description: "%s"
                    architecture: %s
                    input: {height: %d, width: %d, channels: %d}
                    classes: %d
                    labels: labels.txt
                    preprocessing:
                      color: %s
                      resize_shorter: 0
                      # Mean and standard deviation of the training images, pixel values scaled to [0, 1].
                      mean: %s
                      std: %s
                      background: black
                    weights:
                      allow_untrained: false
                    batching:
                      max_batch_size: 32
                      max_queue_delay: 0ms
                      max_queue_size: 256
                    request_timeout: 10s
                    validation:
                      dataset: %s
                      at_load: missing
                    """, architecture.description().replace("\"", "'"), architecture.name(), input.height(),
                    input.width(), input.channels(), labels.size(), pixels.color().name().toLowerCase(Locale.ROOT),
                    list(pixels.mean()), list(pixels.std()), dataset));
        } catch (IOException e) {
            throw new TrainingException("cannot write the new model folder " + staging + ": " + e.getMessage(), e);
        }
        return new NewModelFolder(repository, name, staging);
    }

    /**
     * Deletes the hidden folders that runs killed before their first version was complete left in
     * {@code repository}: those whose process is gone. A folder of a live process (a run beside this
     * one, or a reused process id) is left alone. Returns the folders deleted.
     */
    static List<Path> removeAbandoned(Path repository) throws IOException {
        if (!Files.isDirectory(repository)) {
            return List.of();
        }
        List<Path> abandoned;
        try (var entries = Files.list(repository)) {
            abandoned = entries.filter(path -> {
                Matcher m = STAGING.matcher(path.getFileName().toString());
                return m.matches() && Files.isDirectory(path)
                        && ProcessHandle.of(Long.parseLong(m.group(1))).map(p -> !p.isAlive()).orElse(true);
            }).toList();
        }
        for (Path folder : abandoned) {
            deleteTree(folder);
        }
        return abandoned;
    }

    private static void deleteTree(Path folder) throws IOException {
        try (var tree = Files.walk(folder)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String list(float[] values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", values[i]));
        }
        return out.append(']').toString();
    }

    /** The hidden folder's name in the repository, to read it as a model definition. */
    String stagingName() {
        return staging.getFileName().toString();
    }

    /** Removes the staged folder after a failed run, so that nothing half-made stays in the repository. */
    void discard() {
        try {
            deleteTree(staging);
        } catch (IOException e) {
            // best effort: the folder is hidden, so the registry never lists it
        }
    }

    /** Renames the folder to the model's name; it must not exist by then. */
    void publish() {
        Path target = repository.resolve(name);
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new TrainingException("cannot rename " + staging + " to " + target + " (does it exist now?): "
                    + e.getMessage(), e);
        }
    }
}
