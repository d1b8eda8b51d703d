package org.cnnserve.registry;

import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.engine.onnx.OnnxModelFile;
import org.cnnserve.serving.BatchModel;

/** A replica of a model's latest version, built exactly as the registry builds its workers' replicas. */
public final class Replicas {

    private Replicas() {
    }

    /**
     * Loads on the calling thread, which should be the thread that will run the replica: on ONNX Runtime
     * when the version holds model.onnx, else on the engine the config chooses ({@code conversion}
     * exports the graph for {@code engine: onnx}).
     */
    public static BatchModel load(ModelDefinition definition, ArchitectureCatalog catalog, GraphConversion conversion) {
        int latest = definition.versions().get(definition.versions().size() - 1);
        return new VersionFolderLoader(new GraphLoader(catalog), new OnnxLoader(), conversion).load(definition, latest)
                .replica(definition.config());
    }

    /**
     * The ONNX model the onnx engine runs for the model's latest version: its model.onnx, or its catalogue
     * network exported at load for {@code engine: onnx}. Loads on the calling thread.
     *
     * @throws IllegalArgumentException when that version runs on another engine
     */
    public static OnnxModelFile onnxModel(ModelDefinition definition, ArchitectureCatalog catalog,
                                          GraphConversion conversion) {
        int latest = definition.versions().get(definition.versions().size() - 1);
        VersionLoader.Loaded loaded = new VersionFolderLoader(new GraphLoader(catalog), new OnnxLoader(), conversion)
                .load(definition, latest);
        if (loaded instanceof OnnxLoader.Loaded onnx) {
            return onnx.model();
        }
        throw new IllegalArgumentException("model " + definition.name() + " version " + latest + " runs on the "
                + loaded.engine().label() + " engine, not onnx");
    }
}
