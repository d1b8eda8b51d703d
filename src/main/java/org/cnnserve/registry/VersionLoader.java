package org.cnnserve.registry;

import org.cnnserve.engine.Engine;
import org.cnnserve.serving.BatchModel;

/**
 * Reads one model version's network, on the thread of the replica that will run it:
 * {@link GraphLoader} in the service, a stand-in in the registry's tests.
 */
interface VersionLoader {

    /** @throws RuntimeException when the version cannot be loaded; its message becomes the FAILED reason */
    Loaded load(ModelDefinition definition, int version);

    /** What a load produced: the figures the API reports of the version, and its replicas. */
    interface Loaded {

        WeightsStatus weights();

        Engine engine();

        long parameters();

        long buffers();

        long macs();

        long activationBytes();

        /** The loaded network as a replica for the model's input shape and classes. */
        BatchModel replica(ModelConfig config);
    }
}
