package org.cnnserve.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The HTTP API's answers. The key stays under {@code cnnserve.classify}, where it was documented
 * before the API had a package of its own; classification's own settings share the prefix.
 *
 * @param retryAfter the Retry-After sent with 429 and 503 answers
 */
@ConfigurationProperties("cnnserve.classify")
public record ApiProperties(@DefaultValue("1s") Duration retryAfter) {

    public ApiProperties {
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("cnnserve.classify.retry-after must be positive, was " + retryAfter);
        }
    }
}
