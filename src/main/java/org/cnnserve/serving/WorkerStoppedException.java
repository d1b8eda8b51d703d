package org.cnnserve.serving;

/** The worker is stopping or stopped and admits nothing new (HTTP 503). */
public class WorkerStoppedException extends RuntimeException {

    public WorkerStoppedException(String model) {
        super(model + " is shutting down and accepts no new requests");
    }
}
