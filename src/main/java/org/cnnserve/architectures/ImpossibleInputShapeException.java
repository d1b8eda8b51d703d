package org.cnnserve.architectures;

/** An architecture cannot be built for the input shape (or class count) it was asked for. */
public class ImpossibleInputShapeException extends RuntimeException {

    ImpossibleInputShapeException(String message, Throwable cause) {
        super(message, cause);
    }
}
