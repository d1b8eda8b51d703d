package org.cnnserve.registry;

import org.cnnserve.architectures.ArchitectureCatalog;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegistryProperties.class)
class RegistryConfiguration {

    @Bean
    ArchitectureCatalog architectureCatalog() {
        return ArchitectureCatalog.standard();
    }

    @Bean
    ModelRegistry modelRegistry(RegistryProperties properties, ArchitectureCatalog catalog) {
        return new ModelRegistry(properties, catalog);
    }

    @Bean("models")
    ModelsHealthIndicator modelsHealthIndicator(ModelRegistry registry) {
        return new ModelsHealthIndicator(registry);
    }
}
