package org.cnnserve.engine;

/** The network has a vertex the native engine cannot run; the message names it. */
public final class UnsupportedNetworkException extends RuntimeException {

    public UnsupportedNetworkException(String message) {
        super(message);
    }

    public UnsupportedNetworkException(String message, Throwable cause) {
        super(message, cause);
    }
}
