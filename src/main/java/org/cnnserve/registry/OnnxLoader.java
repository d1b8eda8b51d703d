package org.cnnserve.registry;

import java.nio.file.Path;
import org.cnnserve.engine.Engine;
import org.cnnserve.engine.NativeThreads;
import org.cnnserve.engine.onnx.OnnxDeviceBinding;
import org.cnnserve.engine.onnx.OnnxModelFile;
import org.cnnserve.serving.BatchModel;
import org.cnnserve.serving.Device;
import org.cnnserve.serving.DeviceBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a version folder that holds {@code model.onnx}: checks the file against the model's config (a
 * mismatch fails the version with what differs) and opens an ONNX Runtime session per replica.
 */
final class OnnxLoader implements VersionLoader {

    private static final Logger log = LoggerFactory.getLogger(OnnxLoader.class);

    @Override
    public Loaded load(ModelDefinition definition, int version) {
        ModelConfig config = definition.config();
        if (!config.engine().equals("auto") && !config.engine().equals(Engine.ONNX.label())) {
            throw new ModelRepositoryException("version " + version + " holds " + OnnxModelFile.FILE_NAME
                    + ", which only the onnx engine runs, but " + ModelRepository.CONFIG_FILE + " says engine: "
                    + config.engine());
        }
        Path file = definition.versionDirectory(version).resolve(OnnxModelFile.FILE_NAME);
        OnnxModelFile model = OnnxModelFile.read(file);
        int maxBatch = model.check(config.input(), config.classes());
        if (maxBatch < Integer.MAX_VALUE) {
            log.warn("model {} version {}: {} fixes the batch dimension at {}, so batches hold at most {} image(s)",
                    definition.name(), version, OnnxModelFile.FILE_NAME, maxBatch, maxBatch);
        }
        if (!model.uncountedNodes().isEmpty()) {
            log.warn("model {} version {}: MACs leave out {}, whose shapes could not be inferred",
                    definition.name(), version, model.uncountedNodes());
        }
        return Loaded.of(model, maxBatch);
    }

    /**
     * A catalogue network exported to ONNX at load ({@code engine: onnx} on a model that names its
     * architecture): checked like a model.onnx, but reported by the architecture's exact arithmetic and
     * the weights' real status.
     */
    Loaded exported(byte[] onnx, GraphLoader.Network network, ModelConfig config) {
        OnnxModelFile model = OnnxModelFile.of(onnx);
        int maxBatch = model.check(config.input(), config.classes());
        GraphLoader.Arithmetic arithmetic = network.arithmetic(config.input());
        return new Loaded(model, maxBatch, network.weights(), arithmetic.parameters(), arithmetic.buffers(),
                arithmetic.macs(), arithmetic.activationBytes());
    }

    @Override
    public DeviceBinding binding(ModelDefinition definition, int version) {
        return new OnnxDeviceBinding();
    }

    /** A model that fits its config; each replica opens its own session on it. */
    record Loaded(OnnxModelFile model, int maxBatchSize, WeightsStatus weights, long parameters, long buffers,
                  long macs, long activationBytes) implements VersionLoader.Loaded {

        /** A model.onnx file: its weights count as trained, its figures are read off the graph. */
        static Loaded of(OnnxModelFile model, int maxBatchSize) {
            return new Loaded(model, maxBatchSize, WeightsStatus.TRAINED, model.parameters(), 0, model.macs(),
                    model.activationBytes());
        }

        @Override
        public Engine engine() {
            return Engine.ONNX;
        }

        @Override
        public BatchModel replica(ModelConfig config) {
            return replica(config, Device.CPU);
        }

        @Override
        public BatchModel replica(ModelConfig config, Device device) {
            return model.replica(config.input(), config.classes(), device, NativeThreads.perReplica());
        }
    }
}
