package org.cnnserve.validation;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.cnnserve.datasets.DatasetCatalog;
import org.cnnserve.imaging.ImageDecoder;
import org.cnnserve.registry.ModelRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ValidationProperties.class)
class ValidationConfiguration {

    @Bean
    DatasetCatalog datasetCatalog(ValidationProperties properties, ImageDecoder decoder) {
        return new DatasetCatalog(properties.datasetsDirectory(), decoder);
    }

    @Bean
    ValidationService validationService(ModelRegistry registry, DatasetCatalog datasets, ValidationProperties properties,
                                        ObjectProvider<ValidationObserver> observer) {
        return new ValidationService(registry, datasets, properties, observer.getIfAvailable(() -> ValidationObserver.NONE),
                Clock.systemUTC(), Executors.newSingleThreadExecutor(daemon("validation")),
                Executors.newSingleThreadScheduledExecutor(daemon("validation-schedule")));
    }

    /** Daemon threads: a job left running never keeps the JVM alive. */
    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
