package org.cnnserve.registry;

import org.cnnserve.engine.Engine;
import org.cnnserve.engine.Nd4jDeviceBinding;
import org.cnnserve.serving.BatchModel;
import org.cnnserve.serving.Device;
import org.cnnserve.serving.DeviceBinding;

/**
 * Reads one model version's network, on the thread of the replica that will run it:
 * {@link VersionFolderLoader} in the service (ONNX Runtime or DL4J, by the folder), a stand-in in the
 * registry's tests.
 */
interface VersionLoader {

    /** @throws RuntimeException when the version cannot be loaded; its message becomes the FAILED reason */
    Loaded load(ModelDefinition definition, int version);

    /** How a replica worker of the version binds its thread to its device, before it loads. */
    default DeviceBinding binding(ModelDefinition definition, int version) {
        return new Nd4jDeviceBinding();
    }

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

        /** A replica on {@code device}; engines whose device is chosen per replica override this. */
        default BatchModel replica(ModelConfig config, Device device) {
            return replica(config);
        }

        /** The largest batch the network can run: less than the config's only where the network fixes it. */
        default int maxBatchSize() {
            return Integer.MAX_VALUE;
        }
    }
}
