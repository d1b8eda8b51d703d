package org.cnnserve.classify;

/** An inference input that does not fit the model (shape, value count, non-finite values): the client's mistake. */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }
}
