package org.cnnserve.registry;

import java.nio.file.Files;
import org.cnnserve.engine.Engine;
import org.cnnserve.engine.onnx.OnnxModelFile;
import org.cnnserve.serving.DeviceBinding;

/**
 * Chooses the loader by what a version folder holds: {@code model.onnx} goes to ONNX Runtime
 * ({@link OnnxLoader}); otherwise the model's architecture is built with DL4J ({@link GraphLoader}),
 * which needs an {@code architecture} in model.yaml, and served by DL4J's layers, the native engine,
 * or, with {@code engine: onnx}, ONNX Runtime on the graph exported at load.
 */
final class VersionFolderLoader implements VersionLoader {

    private final GraphLoader graphs;
    private final OnnxLoader onnx;
    private final GraphConversion conversion;

    /** @param conversion exports catalogue networks for {@code engine: onnx}; null where no exporter is at hand */
    VersionFolderLoader(GraphLoader graphs, OnnxLoader onnx, GraphConversion conversion) {
        this.graphs = graphs;
        this.onnx = onnx;
        this.conversion = conversion;
    }

    @Override
    public Loaded load(ModelDefinition definition, int version) {
        return choose(definition, version).load(definition, version);
    }

    @Override
    public DeviceBinding binding(ModelDefinition definition, int version) {
        return choose(definition, version).binding(definition, version);
    }

    /** A catalogue network exported to ONNX when it loads: the same graph the other engines run. */
    private final VersionLoader exporting = new VersionLoader() {
        @Override
        public Loaded load(ModelDefinition definition, int version) {
            ModelConfig config = definition.config();
            GraphLoader.Network network = graphs.network(definition, version);
            byte[] model = conversion.toOnnx(network.graph(), config.input(), config.classes());
            network.graph().close(); // the ONNX Runtime sessions hold their own copies of the weights
            return onnx.exported(model, network, config);
        }

        @Override
        public DeviceBinding binding(ModelDefinition definition, int version) {
            return onnx.binding(definition, version);
        }
    };

    private VersionLoader choose(ModelDefinition definition, int version) {
        if (Files.isRegularFile(definition.versionDirectory(version).resolve(OnnxModelFile.FILE_NAME))) {
            return onnx;
        }
        if (definition.config().architecture() == null) {
            throw new ModelRepositoryException("version " + version + " has no " + OnnxModelFile.FILE_NAME + " and "
                    + ModelRepository.CONFIG_FILE + " names no architecture: a version folder needs either "
                    + OnnxModelFile.FILE_NAME + ", or an architecture in " + ModelRepository.CONFIG_FILE + " with its "
                    + ModelRepository.WEIGHTS_FILE + " (or weights.allow_untrained)");
        }
        if (definition.config().engine().equals(Engine.ONNX.label())) {
            if (conversion == null) {
                throw new ModelRepositoryException("engine: onnx, but version " + version + " has no "
                        + OnnxModelFile.FILE_NAME + " and no ONNX exporter is configured to convert its architecture");
            }
            return exporting;
        }
        return graphs;
    }
}
