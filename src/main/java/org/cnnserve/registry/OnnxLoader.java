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
        return new Loaded(model, maxBatch);
    }

    @Override
    public DeviceBinding binding(ModelDefinition definition, int version) {
        return new OnnxDeviceBinding();
    }

    /** A model.onnx that fits its config; each replica opens its own session on it. */
    record Loaded(OnnxModelFile model, int maxBatchSize) implements VersionLoader.Loaded {

        @Override
        public WeightsStatus weights() {
            return WeightsStatus.TRAINED;
        }

        @Override
        public Engine engine() {
            return Engine.ONNX;
        }

        @Override
        public long parameters() {
            return model.parameters();
        }

        @Override
        public long buffers() {
            return 0;
        }

        @Override
        public long macs() {
            return model.macs();
        }

        @Override
        public long activationBytes() {
            return model.activationBytes();
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
