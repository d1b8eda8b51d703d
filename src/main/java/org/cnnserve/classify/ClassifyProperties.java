package org.cnnserve.classify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The classify endpoint ({@code cnnserve.classify.*}).
 *
 * @param defaultTopK classes returned when the request gives no {@code top_k}
 * @param timeout     longest a request waits for its result before it is answered 504
 */
@ConfigurationProperties("cnnserve.classify")
record ClassifyProperties(@DefaultValue("5") int defaultTopK, @DefaultValue("30s") Duration timeout) {

    ClassifyProperties {
        if (defaultTopK < 1) {
            throw new IllegalArgumentException("cnnserve.classify.default-top-k must be at least 1, was " + defaultTopK);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("cnnserve.classify.timeout must be positive, was " + timeout);
        }
    }
}
