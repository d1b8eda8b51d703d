package org.cnnserve.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnserve.architectures.Analysis;
import org.cnnserve.architectures.Architecture;
import org.cnnserve.architectures.ArchitectureAnalysis;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.architectures.ParameterCounts;
import org.cnnserve.serving.GraphModel;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/** Reads a version's weights, or initialises them where the config allows an untrained model. */
final class GraphLoader {

    private final ArchitectureCatalog catalog;

    GraphLoader(ArchitectureCatalog catalog) {
        this.catalog = catalog;
    }

    Loaded load(ModelDefinition definition, int version) {
        ModelConfig config = definition.config();
        Architecture architecture = catalog.find(config.architecture()).orElseThrow(() -> new ModelRepositoryException(
                "unknown architecture '" + config.architecture() + "' in " + definition.directory().resolve(
                        ModelRepository.CONFIG_FILE) + "; known: " + catalog.all().stream().map(Architecture::name).toList()));
        Path weights = definition.versionDirectory(version).resolve(ModelRepository.WEIGHTS_FILE);
        ComputationGraph graph;
        WeightsStatus status;
        if (Files.isRegularFile(weights)) {
            graph = restore(weights);
            status = WeightsStatus.TRAINED;
        } else if (config.weights().allowUntrained()) {
            var base = new NeuralNetConfiguration.Builder().seed(config.weights().seed());
            graph = new ComputationGraph(architecture.configuration(config.input(), config.classes(), base));
            graph.init();
            status = WeightsStatus.UNTRAINED;
        } else {
            throw new ModelRepositoryException("version " + version + " has no " + weights
                    + " and weights.allow_untrained is false in " + ModelRepository.CONFIG_FILE);
        }
        ParameterCounts counts = ParameterCounts.of(graph);
        Analysis.Totals totals = ArchitectureAnalysis.of(graph.getConfiguration(), config.input()).totals();
        return new Loaded(graph, status, counts.parameters(), counts.buffers(), totals.macs(), totals.activationBytes());
    }

    private static ComputationGraph restore(Path weights) {
        try {
            return ModelSerializer.restoreComputationGraph(weights.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new ModelRepositoryException("cannot read " + weights
                    + " as a DL4J ComputationGraph (ModelSerializer zip): " + e.getMessage(), e);
        }
    }

    /**
     * @param macs            multiply-adds per image, from the architecture analysis of the loaded graph
     * @param activationBytes one image's forward-pass values at fp32, from the same analysis
     */
    record Loaded(ComputationGraph graph, WeightsStatus weights, long parameters, long buffers, long macs,
                  long activationBytes) {

        /** The loaded network as a replica for the model's input shape and classes. */
        GraphModel replica(ModelConfig config) {
            return new GraphModel(graph, config.input(), config.classes());
        }
    }
}
