package org.cnnserve.registry;

import org.cnnserve.architectures.ArchitectureCatalog;
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
}
