package org.cnnserve.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

import java.time.Duration;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.validation.ValidationService;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;

/**
 * What the admin endpoints' slice tests add to a web slice: the service's own security configuration
 * and problem handler. Spring Boot's web slice brings no security of its own.
 */
final class AdminFixture {

    static final String TOKEN = org.cnnserve.Http.ADMIN_TOKEN;

    private AdminFixture() {
    }

    /** Neither the registry nor the validation service was asked to change anything (or to list it). */
    static void assertNothingManaged(ModelRegistry registry, ValidationService validations) {
        then(registry).should(never()).index();
        then(registry).should(never()).load(any());
        then(registry).should(never()).unload(any(), any());
        then(validations).should(never()).submit(any(), any(), any(), any());
    }

    @EnableWebSecurity
    static class Beans {
        @Bean
        ApiProperties apiProperties() {
            return new ApiProperties(Duration.ofSeconds(1));
        }
    }
}
