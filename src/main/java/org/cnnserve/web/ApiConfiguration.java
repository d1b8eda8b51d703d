package org.cnnserve.web;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ApiProperties.class, DrainProperties.class})
class ApiConfiguration {
}
