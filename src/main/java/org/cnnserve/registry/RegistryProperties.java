package org.cnnserve.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the models come from and how they are served ({@code cnnserve.registry.*}).
 *
 * @param repository      the model repository directory
 * @param models          the model folders to load; empty loads every folder with a {@code model.yaml}
 * @param queueCapacity   requests a model version holds waiting; one more is answered 429
 * @param retryAfter      the Retry-After given with 429 and 503 answers
 * @param drainTimeout    how long stopping waits for a model's queued requests to finish
 * @param strictReadiness ready only when every configured model is READY (otherwise: when none is LOADING)
 */
@ConfigurationProperties("cnnserve.registry")
public record RegistryProperties(
        @DefaultValue("models") Path repository,
        @DefaultValue List<String> models,
        @DefaultValue("64") int queueCapacity,
        @DefaultValue("5s") Duration retryAfter,
        @DefaultValue("30s") Duration drainTimeout,
        @DefaultValue("true") boolean strictReadiness) {

    public RegistryProperties {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("cnnserve.registry.queue-capacity must be at least 1, was " + queueCapacity);
        }
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("cnnserve.registry.retry-after must be positive, was " + retryAfter);
        }
        models = List.copyOf(models);
    }
}
