package org.cnnserve.datasets;

/** A data set that does not exist or cannot be used as asked; the message says which and why. */
public class DatasetException extends RuntimeException {

    /** What is wrong, so that callers can answer each case in its own way. */
    public enum Kind {
        /** No data set of that name. */
        UNKNOWN,
        /** The files are there but cannot be read as a data set. */
        UNREADABLE,
        /** Its classes do not match the model's labels. */
        LABEL_MISMATCH
    }

    private final Kind kind;

    public DatasetException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public DatasetException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
