package org.cnnserve.registry;

/** The model version exists but is not READY (HTTP 503 with Retry-After). */
public class ModelNotReadyException extends RuntimeException {

    private final ModelState state;

    public ModelNotReadyException(String model, int version, ModelState state, String reason) {
        super("model '" + model + "' version " + version + " is " + state
                + (reason == null ? "" : ": " + reason));
        this.state = state;
    }

    public ModelState state() {
        return state;
    }
}
