package org.cnnserve.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.cnnserve.registry.ModelDefinition;
import org.cnnserve.registry.ModelRepository;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a trained graph as the model's next version: {@code model.zip} (without updater state,
 * which serving does not need) and {@code training.json}, first into a hidden folder that is
 * renamed into place when complete, so the registry never sees half a version.
 */
final class VersionWriter {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final ModelDefinition definition;

    VersionWriter(ModelDefinition definition) {
        this.definition = definition;
    }

    /** Writes the version after the highest existing one and returns its number. */
    int write(ComputationGraph graph, TrainingRecord record) {
        List<Integer> versions = definition.versions();
        int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1) + 1;
        Path target = definition.versionDirectory(version);
        Path temporary = definition.directory().resolve(".training-" + version + "-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(temporary);
            ModelSerializer.writeModel(graph, temporary.resolve(ModelRepository.WEIGHTS_FILE).toFile(), false);
            JSON.writeValue(temporary.resolve("training.json").toFile(), record.withVersion(version));
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            throw new TrainingException("cannot write version " + version + " to " + target + ": " + e.getMessage(), e);
        }
        return version;
    }
}
