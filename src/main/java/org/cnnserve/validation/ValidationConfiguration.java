package org.cnnserve.validation;

import java.time.Clock;
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
                Clock.systemUTC());
    }
}
