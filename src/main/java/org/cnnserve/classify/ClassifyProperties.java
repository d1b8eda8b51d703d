package org.cnnserve.classify;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Classification ({@code cnnserve.classify.*}; the HTTP API's {@code retry-after} shares the prefix).
 *
 * @param defaultTopK classes returned when the request gives no {@code top_k}
 */
@ConfigurationProperties("cnnserve.classify")
record ClassifyProperties(@DefaultValue("5") int defaultTopK) {

    ClassifyProperties {
        if (defaultTopK < 1) {
            throw new IllegalArgumentException("cnnserve.classify.default-top-k must be at least 1, was " + defaultTopK);
        }
    }
}
