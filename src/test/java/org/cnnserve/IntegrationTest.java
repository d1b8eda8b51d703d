package org.cnnserve;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class for the full tier ({@code ./mvnw verify}, run by Failsafe) rather than the fast
 * one ({@code ./mvnw test}): one that starts the whole application, needs an outside tool or server
 * (Docker, Prometheus, promtool, helm), trains or evaluates a model on a real data set, or builds
 * ImageNet-sized networks, so that it takes more than a few seconds.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("integration")
public @interface IntegrationTest {
}
