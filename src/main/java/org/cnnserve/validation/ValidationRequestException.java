package org.cnnserve.validation;

/** A validation request the service cannot accept as asked. */
public class ValidationRequestException extends RuntimeException {

    /** Why. */
    public enum Kind {
        /** A field is missing or out of range. */
        INVALID,
        /** Too many jobs wait already (429). */
        TOO_MANY_JOBS,
        /** No job of that id (404). */
        UNKNOWN_JOB
    }

    private final Kind kind;

    public ValidationRequestException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
