package org.cnnserve.classify;

/** {@code top_k} is not a whole number between 1 and the model's class count: the client's mistake. */
public class InvalidTopKException extends RuntimeException {

    public InvalidTopKException(String message) {
        super(message);
    }
}
