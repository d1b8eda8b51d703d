package org.cnnserve.classify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The classify endpoint ({@code cnnserve.classify.*}).
 *
 * @param defaultTopK classes returned when the request gives no {@code top_k}
 * @param retryAfter  the Retry-After sent with 429 and 503 answers
 */
@ConfigurationProperties("cnnserve.classify")
record ClassifyProperties(@DefaultValue("5") int defaultTopK, @DefaultValue("1s") Duration retryAfter) {

    ClassifyProperties {
        if (defaultTopK < 1) {
            throw new IllegalArgumentException("cnnserve.classify.default-top-k must be at least 1, was " + defaultTopK);
        }
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("cnnserve.classify.retry-after must be positive, was " + retryAfter);
        }
    }
}
