package org.cnnserve.classify;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Inference requests that carry several images ({@code cnnserve.inference.*}).
 *
 * @param maxImagesPerRequest the most images (the batch dimension N) one request may carry; each is
 *                            queued on its own, so a request over the model's queue size can never be
 *                            admitted whole
 */
@ConfigurationProperties("cnnserve.inference")
record InferenceProperties(@DefaultValue("64") int maxImagesPerRequest) {

    InferenceProperties {
        if (maxImagesPerRequest < 1) {
            throw new IllegalArgumentException("cnnserve.inference.max-images-per-request must be at least 1, was "
                    + maxImagesPerRequest);
        }
    }
}
