package org.cnnserve.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnserve.architectures.Analysis;
import org.cnnserve.architectures.Architecture;
import org.cnnserve.architectures.ArchitectureAnalysis;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.architectures.ParameterCounts;
import org.cnnserve.engine.Engine;
import org.cnnserve.engine.NativeCompiler;
import org.cnnserve.engine.NativeGraph;
import org.cnnserve.engine.NativeModel;
import org.cnnserve.engine.UnsupportedNetworkException;
import org.cnnserve.serving.BatchModel;
import org.cnnserve.engine.GraphModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads a version's weights, or initialises them where the config allows an untrained model, and
 * prepares them for the model's engine: compiled into native ops unless the config asks for DL4J
 * or the network has a vertex the native engine cannot run (then DL4J, unless the config insists).
 */
final class GraphLoader implements VersionLoader {

    private static final Logger log = LoggerFactory.getLogger(GraphLoader.class);

    private final ArchitectureCatalog catalog;

    GraphLoader(ArchitectureCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Loaded load(ModelDefinition definition, int version) {
        ModelConfig config = definition.config();
        Network network = network(definition, version);
        ComputationGraph graph = network.graph();
        WeightsStatus status = network.weights();
        Arithmetic arithmetic = network.arithmetic(config.input());
        NativeGraph compiled = null;
        // On the CUDA backend only when asked: replicas on several GPUs would share one compiled graph's
        // weights, which this project has not run on a GPU of DL4J's supported generations.
        boolean nativeByDefault = Nd4j.getEnvironment().isCPU();
        if (config.engine().equals("native") || config.engine().equals("auto") && nativeByDefault) {
            try {
                compiled = NativeCompiler.compile(graph, config.input());
                graph.close(); // the compiled graph holds its own copies of the weights
            } catch (UnsupportedNetworkException e) {
                if (config.engine().equals("native")) {
                    throw new ModelRepositoryException("engine: native, but " + e.getMessage(), e);
                }
                log.warn("model {} version {} runs on DL4J's layers: {}", definition.name(), version, e.getMessage());
            }
        }
        return new Loaded(compiled == null ? graph : null, compiled, status, arithmetic.parameters(),
                arithmetic.buffers(), arithmetic.macs(), arithmetic.activationBytes());
    }

    /**
     * The version's DL4J graph: its {@code model.zip}, or the architecture initialised from the config's
     * seed where the config allows an untrained model.
     */
    Network network(ModelDefinition definition, int version) {
        ModelConfig config = definition.config();
        Architecture architecture = catalog.find(config.architecture()).orElseThrow(() -> new ModelRepositoryException(
                "unknown architecture '" + config.architecture() + "' in " + definition.directory().resolve(
                        ModelRepository.CONFIG_FILE) + "; known: " + catalog.all().stream().map(Architecture::name).toList()));
        Path weights = definition.versionDirectory(version).resolve(ModelRepository.WEIGHTS_FILE);
        if (Files.isRegularFile(weights)) {
            return new Network(restore(weights), WeightsStatus.TRAINED);
        }
        if (config.weights().allowUntrained()) {
            var base = new NeuralNetConfiguration.Builder().seed(config.weights().seed());
            var graph = new ComputationGraph(architecture.configuration(config.input(), config.classes(), base));
            graph.init();
            return new Network(graph, WeightsStatus.UNTRAINED);
        }
        throw new ModelRepositoryException("version " + version + " has no " + weights
                + " and weights.allow_untrained is false in " + ModelRepository.CONFIG_FILE);
    }

    /** A version's graph and whether its weights were trained. */
    record Network(ComputationGraph graph, WeightsStatus weights) {

        /** Parameters and buffers as the API reports them, and the architecture analysis's totals. */
        Arithmetic arithmetic(InputShape input) {
            ParameterCounts counts = ParameterCounts.of(graph);
            Analysis.Totals totals = ArchitectureAnalysis.of(graph.getConfiguration(), input).totals();
            return new Arithmetic(counts.parameters(), counts.buffers(), totals.macs(), totals.activationBytes());
        }
    }

    record Arithmetic(long parameters, long buffers, long macs, long activationBytes) {
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
    record Loaded(ComputationGraph graph, NativeGraph compiled, WeightsStatus weights, long parameters, long buffers,
                  long macs, long activationBytes) implements VersionLoader.Loaded {

        /** The engine the replicas run on: native when the graph was compiled (the DL4J graph is then dropped). */
        @Override
        public Engine engine() {
            return compiled != null ? Engine.NATIVE : Engine.DL4J;
        }

        @Override
        public BatchModel replica(ModelConfig config) {
            return compiled != null ? new NativeModel(compiled, config.input(), config.classes())
                    : new GraphModel(graph, config.input(), config.classes());
        }
    }
}
