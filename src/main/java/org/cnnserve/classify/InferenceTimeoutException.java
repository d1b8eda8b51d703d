package org.cnnserve.classify;

import java.time.Duration;

/** The result did not arrive within the request timeout (HTTP 504). */
class InferenceTimeoutException extends RuntimeException {

    InferenceTimeoutException(String model, Duration timeout) {
        super("no result from " + model + " within " + timeout.toMillis() + " ms");
    }
}
