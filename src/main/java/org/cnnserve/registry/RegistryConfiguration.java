package org.cnnserve.registry;

import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.serving.ServingObserver;
import org.cnnserve.serving.ServingProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RegistryProperties.class, ServingProperties.class})
class RegistryConfiguration {

    @Bean
    ArchitectureCatalog architectureCatalog() {
        return ArchitectureCatalog.standard();
    }

    @Bean
    ModelRegistry modelRegistry(RegistryProperties properties, ServingProperties serving, ArchitectureCatalog catalog,
                                ObjectProvider<ServingObserver> observer) {
        return new ModelRegistry(properties, serving, catalog, observer.getIfAvailable(() -> ServingObserver.NONE));
    }

    /**
     * The context closing (SIGTERM) is published before the web server's graceful shutdown: from
     * here on new requests get 503 while the ones already accepted finish.
     */
    @Bean
    ApplicationListener<ContextClosedEvent> stopAdmittingOnShutdown(ModelRegistry registry) {
        return event -> registry.beginShutdown();
    }

    @Bean("models")
    ModelsHealthIndicator modelsHealthIndicator(ModelRegistry registry) {
        return new ModelsHealthIndicator(registry);
    }
}
