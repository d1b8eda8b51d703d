package org.cnnserve.classify;

/** {@code top_k} is not a whole number between 1 and the model's class count (HTTP 400). */
class InvalidTopKException extends RuntimeException {

    InvalidTopKException(String message) {
        super(message);
    }
}
