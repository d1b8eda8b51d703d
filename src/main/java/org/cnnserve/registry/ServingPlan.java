package org.cnnserve.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.cnnserve.serving.BatchPolicy;
import org.cnnserve.serving.Device;
import org.cnnserve.serving.ServingProperties;

/**
 * How one model is served once its {@code model.yaml} is merged with the service-wide defaults.
 * The registry computes it once, when it opens the model, and each version keeps it.
 *
 * @param replicas     one device per replica, in start order
 * @param batchTimeout the watchdog's fixed limit on one batch, or {@code null} for one derived from the warm-up
 */
public record ServingPlan(BatchPolicy policy, Duration requestTimeout, List<Device> replicas, Duration batchTimeout) {

    ServingPlan(BatchPolicy policy, Duration requestTimeout, List<Device> replicas) {
        this(policy, requestTimeout, replicas, null);
    }

    /**
     * This plan with batches of at most {@code max} (preferred sizes above it dropped), for a network
     * that cannot run larger ones; this plan itself when it never batches more.
     */
    ServingPlan withBatchesOfAtMost(int max) {
        if (max >= policy.maxBatchSize()) {
            return this;
        }
        BatchPolicy capped = new BatchPolicy(max, policy.maxQueueDelay(),
                policy.preferredBatchSizes().stream().filter(size -> size <= max).toList(), policy.maxQueueSize());
        return new ServingPlan(capped, requestTimeout, replicas, batchTimeout);
    }

    static ServingPlan of(ModelConfig config, ServingProperties defaults) {
        ModelConfig.Batching b = config.batching();
        Duration delay = b.maxQueueDelay() == null ? defaults.maxQueueDelay() : b.maxQueueDelay();
        BatchPolicy policy = new BatchPolicy(
                b.maxBatchSize() == null ? defaults.maxBatchSize() : b.maxBatchSize(),
                delay,
                b.preferredBatchSizes() == null ? List.of() : b.preferredBatchSizes(),
                b.maxQueueSize() == null ? defaults.maxQueueSize() : b.maxQueueSize());
        Duration timeout = config.requestTimeout() == null ? defaults.requestTimeout() : config.requestTimeout();
        List<String> devices = config.devices() == null ? defaults.devices() : config.devices();
        int instances = config.instancesPerDevice() == null ? defaults.instancesPerDevice() : config.instancesPerDevice();
        List<Device> replicas = new ArrayList<>();
        for (String d : devices) {
            for (int i = 0; i < instances; i++) {
                replicas.add(Device.parse(d));
            }
        }
        Duration batchTimeout = config.batchTimeout() == null ? defaults.batchTimeout() : config.batchTimeout();
        return new ServingPlan(policy, timeout, List.copyOf(replicas), batchTimeout);
    }
}
