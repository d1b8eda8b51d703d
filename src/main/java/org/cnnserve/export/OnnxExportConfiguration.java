package org.cnnserve.export;

import org.cnnserve.registry.GraphConversion;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Gives the registry its ONNX exporter, for models served with {@code engine: onnx} from their architecture. */
@Configuration(proxyBeanMethods = false)
class OnnxExportConfiguration {

    @Bean
    GraphConversion onnxExport() {
        return OnnxExport::export;
    }
}
