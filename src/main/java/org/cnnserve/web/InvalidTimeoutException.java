package org.cnnserve.web;

/** {@code timeout_ms} (or its header) is not a positive whole number of milliseconds (HTTP 400). */
class InvalidTimeoutException extends RuntimeException {

    InvalidTimeoutException(String message) {
        super(message);
    }
}
