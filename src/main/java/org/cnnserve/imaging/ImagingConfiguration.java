package org.cnnserve.imaging;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImagingProperties.class)
class ImagingConfiguration {

    @Bean
    ImageLimits imageLimits(ImagingProperties properties) {
        return properties.limits();
    }

    @Bean
    DecodeBudget decodeBudget(ImagingProperties properties) {
        return properties.budget();
    }

    @Bean
    ImageDecoder imageDecoder(ImageLimits limits) {
        return new ImageDecoder(limits);
    }
}
