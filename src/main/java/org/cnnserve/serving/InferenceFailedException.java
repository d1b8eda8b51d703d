package org.cnnserve.serving;

/** The batch that held the request failed on the model; the cause is the executor's failure (HTTP 500). */
public final class InferenceFailedException extends RuntimeException {

    public InferenceFailedException(String model, int batchSize, Throwable cause) {
        super("inference on " + model + " failed for a batch of " + batchSize + ": "
                + cause.getClass().getName() + ": " + cause.getMessage(), cause);
    }
}
