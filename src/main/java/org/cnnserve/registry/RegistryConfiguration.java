package org.cnnserve.registry;

import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.serving.DaemonTimer;
import org.cnnserve.serving.ServingObserver;
import org.cnnserve.serving.ServingProperties;
import org.cnnserve.serving.Ticker;
import org.cnnserve.serving.Timer;
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

    /** The clock of the schedulers' delays and the requests' deadlines. */
    @Bean
    Ticker servingTicker() {
        return Ticker.system();
    }

    /**
     * Wakes the schedulers when a partial batch's delay is up. Closed (its thread ended) when the context
     * destroys its beans, which is after the registry, a lifecycle bean, has stopped its schedulers.
     */
    @Bean(destroyMethod = "close")
    DaemonTimer batcherTimer() {
        return Timer.daemon("batcher-timer");
    }

    @Bean
    ModelRepository modelRepository(RegistryProperties properties) {
        return new ModelRepository(properties.repository());
    }

    @Bean
    GraphLoader graphLoader(ArchitectureCatalog catalog) {
        return new GraphLoader(catalog);
    }

    /**
     * model.onnx folders on ONNX Runtime, the others on the catalogue's DL4J graphs: compiled to native
     * ops, on DL4J's layers, or exported to ONNX Runtime by the conversion the export feature provides.
     */
    @Bean
    VersionFolderLoader versionLoader(GraphLoader graphLoader, ObjectProvider<GraphConversion> conversion) {
        return new VersionFolderLoader(graphLoader, new OnnxLoader(), conversion.getIfAvailable());
    }

    @Bean
    ModelRegistry modelRegistry(RegistryProperties properties, ServingProperties serving, ModelRepository repository,
                                VersionFolderLoader loader, Ticker ticker, DaemonTimer timer,
                                ObjectProvider<ServingObserver> observer) {
        ServingObserver watcher = observer.getIfAvailable(() -> ServingObserver.NONE);
        var starter = new VersionStarter(loader, properties, watcher, ticker, timer);
        var retirer = new VersionRetirer(properties.retireGrace(), serving.drainTimeout(), timer,
                VersionRetirer.threadPerRelease(), watcher);
        return new ModelRegistry(properties, serving, repository, starter, retirer, ticker);
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
