package org.cnnserve.registry;

/** A model folder that cannot be read: missing or invalid config, labels or versions. */
public class ModelRepositoryException extends RuntimeException {

    public ModelRepositoryException(String message) {
        super(message);
    }

    public ModelRepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
