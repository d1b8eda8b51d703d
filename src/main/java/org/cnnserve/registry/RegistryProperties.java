package org.cnnserve.registry;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the models come from ({@code cnnserve.registry.*}).
 *
 * @param repository      the model repository directory
 * @param models          the model folders to load; empty loads every folder with a {@code model.yaml}
 * @param strictReadiness ready only when every configured model is READY (otherwise: when none is
 *                        LOADING and at least one is READY)
 */
@ConfigurationProperties("cnnserve.registry")
public record RegistryProperties(
        @DefaultValue("models") Path repository,
        @DefaultValue List<String> models,
        @DefaultValue("true") boolean strictReadiness) {

    public RegistryProperties {
        models = List.copyOf(models);
    }
}
