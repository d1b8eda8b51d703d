package org.cnnserve.classify;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Classification ({@code cnnserve.classify.*}; the HTTP API's {@code retry-after} shares the prefix).
 *
 * @param defaultTopK          classes returned when the request gives no {@code top_k}
 * @param maxImagesPerRequest the most {@code image} parts one classify request may carry; more are
 *                            answered 413 before any is decoded
 */
@ConfigurationProperties("cnnserve.classify")
record ClassifyProperties(@DefaultValue("5") int defaultTopK, @DefaultValue("16") int maxImagesPerRequest) {

    ClassifyProperties {
        if (defaultTopK < 1) {
            throw new IllegalArgumentException("cnnserve.classify.default-top-k must be at least 1, was " + defaultTopK);
        }
        if (maxImagesPerRequest < 1) {
            throw new IllegalArgumentException("cnnserve.classify.max-images-per-request must be at least 1, was "
                    + maxImagesPerRequest);
        }
    }
}
