package org.cnnserve.serving;

/**
 * Every replica of the model has left service (its rebuild failed, or it was abandoned stuck), so
 * nothing can run the request (HTTP 503). The registry marks such a version FAILED.
 */
public final class ReplicasUnavailableException extends RuntimeException {

    public ReplicasUnavailableException(String model) {
        super(model + " has no replica left in service");
    }
}
