package org.cnnserve.validation;

/** Lifecycle of a validation job. */
public enum JobState {
    /** Accepted, waiting for the job before it (or, at start-up, for its model version to be READY). */
    QUEUED,
    /** Sending images through the model. */
    RUNNING,
    /** Finished; the report is stored. */
    SUCCEEDED,
    /** Ended without a report; the reason says why. The service is unaffected. */
    FAILED,
    /** Stopped by the service shutting down. */
    CANCELLED;

    boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
