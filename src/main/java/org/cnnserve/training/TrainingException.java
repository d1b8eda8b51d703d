package org.cnnserve.training;

/** A training run that cannot start or finish; the message says why. */
class TrainingException extends RuntimeException {

    TrainingException(String message) {
        super(message);
    }

    TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
