package org.cnnserve.registry;

import java.time.Duration;
import java.util.List;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.imaging.Preprocessing;
import org.cnnserve.serving.Device;

/**
 * The contents of a model folder's {@code model.yaml}.
 *
 * @param description   free text shown by the API
 * @param architecture  a name from the architecture catalogue, e.g. {@code lenet5}; absent for a model whose
 *                      versions hold a {@code model.onnx} instead of DL4J weights
 * @param input         height, width and channels the network takes
 * @param classes       number of output classes; the labels file has one line per class
 * @param labels        labels file, relative to the model folder
 * @param preprocessing how an image becomes the input tensor
 * @param weights       what to do when a version folder has no weights
 * @param versionPolicy which version folders to load
 * @param batching      this model's batch policy; absent keys take {@code cnnserve.serving.*}
 * @param requestTimeout     longest a request may take, a duration as Spring writes one ({@code 10s},
 *                           {@code 1500ms}, {@code PT10S}); absent: {@code cnnserve.serving.request-timeout}.
 *                           The older {@code request_timeout_ms} (a number) is still read, with a warning.
 * @param devices            where replicas run ({@code cpu}, {@code gpu:N}); absent: {@code cnnserve.serving.devices}
 * @param instancesPerDevice replicas per device; absent: {@code cnnserve.serving.instances-per-device}
 * @param validation         the data set this model's accuracy is measured on, and when
 * @param engine             {@code native}, {@code dl4j}, {@code onnx} or {@code auto} (absent): onnx for a version
 *                           holding {@code model.onnx}, else native where the network compiles to native ops,
 *                           else DL4J's layers
 * @param batchTimeout       longest one batch may run before its requests answer 503 and its replica is replaced;
 *                           absent: {@code cnnserve.serving.batch-timeout}
 */
public record ModelConfig(
        String description,
        String architecture,
        InputShape input,
        int classes,
        String labels,
        Preprocessing preprocessing,
        Weights weights,
        VersionPolicy versionPolicy,
        Batching batching,
        Duration requestTimeout,
        List<String> devices,
        Integer instancesPerDevice,
        Validation validation,
        String engine,
        Duration batchTimeout) {

    /** The {@code engine} values model.yaml accepts. */
    public static final java.util.List<String> ENGINES = java.util.List.of("auto", "native", "dl4j", "onnx");

    public ModelConfig {
        if (architecture != null && architecture.isBlank()) {
            throw new IllegalArgumentException("architecture must name a catalogue architecture, or be left out"
                    + " for a model served from model.onnx files");
        }
        if (input == null) {
            throw new IllegalArgumentException("input is required, e.g. {height: 28, width: 28, channels: 1}");
        }
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be at least 1, was " + classes);
        }
        if (preprocessing == null) {
            throw new IllegalArgumentException("preprocessing is required");
        }
        if (preprocessing.color().channels() != input.channels()) {
            throw new IllegalArgumentException("preprocessing color " + preprocessing.color()
                    + " gives " + preprocessing.color().channels() + " channel(s) but input has " + input.channels());
        }
        description = description == null ? "" : description;
        labels = labels == null ? "labels.txt" : labels;
        weights = weights == null ? new Weights(false, 0) : weights;
        versionPolicy = versionPolicy == null ? VersionPolicy.LATEST : versionPolicy;
        batching = batching == null ? new Batching(null, null, null, null) : batching;
        if (requestTimeout != null && (requestTimeout.isNegative() || requestTimeout.isZero())) {
            throw new IllegalArgumentException("request_timeout must be positive, was " + requestTimeout);
        }
        if (devices != null) {
            devices.forEach(Device::parse);
            devices = List.copyOf(devices);
        }
        if (instancesPerDevice != null && instancesPerDevice < 1) {
            throw new IllegalArgumentException("instances_per_device must be at least 1, was " + instancesPerDevice);
        }
        if (batchTimeout != null && (batchTimeout.isNegative() || batchTimeout.isZero())) {
            throw new IllegalArgumentException("batch_timeout must be positive, was " + batchTimeout);
        }
        validation = validation == null ? new Validation(null, null, null, null, null) : validation;
        engine = engine == null ? "auto" : engine;
        if (!ENGINES.contains(engine)) {
            throw new IllegalArgumentException("engine must be one of " + ENGINES + ", was '" + engine + "'");
        }
    }

    /**
     * A model's batch policy; each absent key takes the service-wide default.
     *
     * @param maxBatchSize        most images in one forward pass
     * @param maxQueueDelay       longest the oldest queued image waits for a batch to fill, a duration as
     *                            Spring writes one ({@code 5ms}, {@code 500us}, {@code 0ms}); the older
     *                            {@code max_queue_delay_ms} (a number) is still read, with a warning
     * @param preferredBatchSizes sizes dispatched as soon as they can be formed
     * @param maxQueueSize        images held waiting; one more is answered 429
     */
    public record Batching(Integer maxBatchSize, Duration maxQueueDelay, List<Integer> preferredBatchSizes,
                           Integer maxQueueSize) {

        public Batching {
            if (maxQueueDelay != null && maxQueueDelay.isNegative()) {
                throw new IllegalArgumentException("batching.max_queue_delay must not be negative, was " + maxQueueDelay);
            }
        }
    }

    /**
     * @param allowUntrained serve a version without {@code model.zip} on initialised weights,
     *                       reported as {@link WeightsStatus#UNTRAINED}
     * @param seed           seed of that initialisation, so that every replica and restart agrees
     */
    public record Weights(boolean allowUntrained, long seed) {
    }

    /**
     * When and on what the validation job measures this model's accuracy.
     *
     * @param dataset      a data set folder under {@code cnnserve.validation.datasets-directory}; absent: the
     *                     model is validated only when asked
     * @param limit        images to use, from the start of the data set; absent or 0: all of them
     * @param atLoad       whether a version found at start-up is validated once the start-up loads have settled
     * @param everyMinutes validate again this often; absent or 0: never on a schedule
     * @param minTop1      the top-1 accuracy this model should keep, exported for alerting; absent: none
     */
    public record Validation(String dataset, Integer limit, AtLoad atLoad, Integer everyMinutes, Double minTop1) {

        public Validation {
            if (limit != null && limit < 0) {
                throw new IllegalArgumentException("validation.limit must be at least 0 (0: all images), was " + limit);
            }
            if (everyMinutes != null && everyMinutes < 0) {
                throw new IllegalArgumentException("validation.every_minutes must be at least 0, was " + everyMinutes);
            }
            if (minTop1 != null && !(minTop1 >= 0 && minTop1 <= 1)) {
                throw new IllegalArgumentException("validation.min_top1 must be between 0 and 1, was " + minTop1);
            }
            atLoad = atLoad == null ? AtLoad.MISSING : atLoad;
            limit = limit == null ? 0 : limit;
            everyMinutes = everyMinutes == null ? 0 : everyMinutes;
        }
    }

    /** Whether a READY version is validated on its data set at start-up. */
    public enum AtLoad {
        /** Every time the version loads. */
        ALWAYS,
        /** Only when no stored result exists for the version and data set. */
        MISSING,
        /** Never at load. */
        NEVER
    }
}
