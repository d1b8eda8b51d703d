package org.cnnserve.serving;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Service-wide serving defaults ({@code cnnserve.serving.*}); a model's {@code model.yaml} can set
 * each of them for itself.
 *
 * @param maxBatchSize       most images the batcher puts in one forward pass
 * @param maxQueueDelay      longest the oldest queued image waits for a batch to fill
 * @param maxQueueSize       images a model version holds waiting; one more is answered 429
 * @param requestTimeout     longest a request may take; a request can ask for less, never more
 * @param drainTimeout       how long stopping waits for a model's accepted requests to finish
 * @param devices            where replicas run: {@code cpu}, or {@code gpu:N} with the cuda build
 * @param instancesPerDevice replicas (worker threads, each with its own copy of the network) per device
 * @param batchTimeout       longest one batch may run before its requests answer 503 and its replica is
 *                           abandoned and replaced; absent: {@value Watchdog#WARM_UP_MULTIPLE} times the replica's
 *                           warm-up pass per image of the batch, at least 5 s
 */
@ConfigurationProperties("cnnserve.serving")
public record ServingProperties(
        @DefaultValue("8") int maxBatchSize,
        @DefaultValue("5ms") Duration maxQueueDelay,
        @DefaultValue("64") int maxQueueSize,
        @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("30s") Duration drainTimeout,
        @DefaultValue("cpu") List<String> devices,
        @DefaultValue("1") int instancesPerDevice,
        Duration batchTimeout) {

    public ServingProperties {
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("cnnserve.serving.request-timeout must be positive, was " + requestTimeout);
        }
        if (instancesPerDevice < 1) {
            throw new IllegalArgumentException(
                    "cnnserve.serving.instances-per-device must be at least 1, was " + instancesPerDevice);
        }
        if (batchTimeout != null && (batchTimeout.isNegative() || batchTimeout.isZero())) {
            throw new IllegalArgumentException("cnnserve.serving.batch-timeout must be positive, was " + batchTimeout);
        }
        devices.forEach(Device::parse);
        devices = List.copyOf(devices);
        // Builds once to check the batching values with BatchPolicy's own rules.
        new BatchPolicy(maxBatchSize, maxQueueDelay, List.of(), maxQueueSize);
    }
}
