package org.cnnserve.serving;

/**
 * The replica that held the request left service before it answered: it ran past its watchdog's limit
 * and was abandoned, or it could not be rebuilt. Another replica, or a later try, may serve it (HTTP 503).
 */
public final class ReplicaLostException extends RuntimeException {

    public ReplicaLostException(String message) {
        super(message);
    }
}
