package org.cnnserve.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the models come from ({@code cnnserve.registry.*}).
 *
 * @param repository      the model repository directory
 * @param models          the model folders to load; empty loads every folder with a {@code model.yaml}
 * @param strictReadiness ready only when every configured model is READY (otherwise: when none is
 *                        LOADING and at least one is READY); a model unloaded through the repository
 *                        API does not count
 * @param loadTimeout     longest a version may take to load and warm up; past it the version is FAILED and its
 *                        replica threads are abandoned
 * @param loadHeadStart   how long a loading version has the loader to itself: versions load one after another
 *                        (so that each one's memory is measured alone), but the next one starts beside a load
 *                        that takes longer than this
 * @param retireGrace     how long a version taken out of service (unloaded, or replaced by a reload)
 *                        still admits the requests that found it just before, before it drains and its
 *                        replicas are released
 */
@ConfigurationProperties("cnnserve.registry")
public record RegistryProperties(
        @DefaultValue("models") Path repository,
        @DefaultValue List<String> models,
        @DefaultValue("true") boolean strictReadiness,
        @DefaultValue("10m") Duration loadTimeout,
        @DefaultValue("30s") Duration loadHeadStart,
        @DefaultValue("1s") Duration retireGrace) {

    public RegistryProperties {
        models = List.copyOf(models);
        if (loadTimeout.isNegative() || loadTimeout.isZero()) {
            throw new IllegalArgumentException("cnnserve.registry.load-timeout must be positive, was " + loadTimeout);
        }
        if (loadHeadStart.isNegative()) {
            throw new IllegalArgumentException("cnnserve.registry.load-head-start must not be negative, was "
                    + loadHeadStart);
        }
        if (retireGrace.isNegative()) {
            throw new IllegalArgumentException("cnnserve.registry.retire-grace must not be negative, was " + retireGrace);
        }
    }
}
