package org.cnnserve.registry;

import java.nio.file.Files;
import org.cnnserve.engine.onnx.OnnxModelFile;
import org.cnnserve.serving.DeviceBinding;

/**
 * Chooses the loader by what a version folder holds: {@code model.onnx} goes to ONNX Runtime
 * ({@link OnnxLoader}); otherwise the model's architecture is built with DL4J ({@link GraphLoader}),
 * which needs an {@code architecture} in model.yaml.
 */
final class VersionFolderLoader implements VersionLoader {

    private final GraphLoader graphs;
    private final OnnxLoader onnx;

    VersionFolderLoader(GraphLoader graphs, OnnxLoader onnx) {
        this.graphs = graphs;
        this.onnx = onnx;
    }

    @Override
    public Loaded load(ModelDefinition definition, int version) {
        return choose(definition, version).load(definition, version);
    }

    @Override
    public DeviceBinding binding(ModelDefinition definition, int version) {
        return choose(definition, version).binding(definition, version);
    }

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
        if (definition.config().engine().equals("onnx")) {
            throw new ModelRepositoryException("engine: onnx, but version " + version + " has no "
                    + OnnxModelFile.FILE_NAME);
        }
        return graphs;
    }
}
