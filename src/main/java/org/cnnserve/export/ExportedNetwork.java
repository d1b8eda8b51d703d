package org.cnnserve.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.registry.ModelConfig;
import org.cnnserve.registry.ModelDefinition;
import org.cnnserve.registry.ModelRepository;
import org.cnnserve.registry.ModelRepositoryException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A network to export with what it was built for: a model version's graph, read as the registry
 * reads it (its {@code model.zip}, or initialised from the config's seed where the config allows an
 * untrained model), or a catalogue architecture initialised from a seed.
 *
 * @param source what was exported, for the command's report
 */
record ExportedNetwork(ComputationGraph graph, InputShape input, int classes, String source) {

    /** Version {@code version} of model {@code name}, or its highest version when {@code version} is null. */
    static ExportedNetwork ofModel(Path repository, String name, Integer version) {
        ModelDefinition definition;
        try {
            definition = new ModelRepository(repository).read(name);
        } catch (ModelRepositoryException e) {
            throw new OnnxExportException(e.getMessage(), e);
        }
        if (definition.versions().isEmpty()) {
            throw new OnnxExportException("model '" + name + "' has no version folders in " + definition.directory());
        }
        int chosen = version != null ? version : definition.versions().get(definition.versions().size() - 1);
        if (!definition.versions().contains(chosen)) {
            throw new OnnxExportException("model '" + name + "' has no version " + chosen + "; its versions are "
                    + definition.versions());
        }
        ModelConfig config = definition.config();
        Path weights = definition.versionDirectory(chosen).resolve(ModelRepository.WEIGHTS_FILE);
        String source = "model " + name + " version " + chosen;
        if (Files.isRegularFile(weights)) {
            return new ExportedNetwork(restore(weights), config.input(), config.classes(), source + " (" + weights + ")");
        }
        if (!config.weights().allowUntrained()) {
            throw new OnnxExportException(source + " has no " + weights + " and weights.allow_untrained is false in "
                    + ModelRepository.CONFIG_FILE);
        }
        ExportedNetwork seeded = ofArchitecture(config.architecture(), config.input(), config.classes(),
                config.weights().seed());
        return new ExportedNetwork(seeded.graph(), seeded.input(), seeded.classes(),
                source + " (untrained, seed " + config.weights().seed() + ")");
    }

    /** A catalogue architecture with weights initialised from {@code seed}, as an untrained model version gets them. */
    static ExportedNetwork ofArchitecture(String architecture, InputShape input, int classes, long seed) {
        var conf = ArchitectureCatalog.standard().require(architecture)
                .configuration(input, classes, new NeuralNetConfiguration.Builder().seed(seed));
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return new ExportedNetwork(graph, input, classes, "architecture " + architecture + " at " + input + ", "
                + classes + " classes, seed " + seed);
    }

    private static ComputationGraph restore(Path weights) {
        try {
            return ModelSerializer.restoreComputationGraph(weights.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new OnnxExportException("cannot read " + weights + " as a DL4J ComputationGraph: " + e.getMessage(), e);
        }
    }
}
