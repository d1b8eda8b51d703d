package org.cnnserve.serving;

import java.time.Duration;

/** The request's deadline passed while it was still queued; it was never run (HTTP 503 or 504). */
public final class DeadlineExceededException extends RuntimeException {

    public DeadlineExceededException(String model, Duration waited) {
        super("the deadline of a request to " + model + " passed after " + waited.toMillis()
                + " ms in the queue; it was not run");
    }
}
