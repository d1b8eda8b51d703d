package org.cnnserve.registry;

/** The model version exists but is not READY (HTTP 503 with Retry-After). */
public class ModelNotReadyException extends RuntimeException {

    private final int version;
    private final ModelState state;

    public ModelNotReadyException(String model, int version, ModelState state, String reason) {
        super("model '" + model + "' version " + version + " is " + state
                + (reason == null ? "" : ": " + reason));
        this.version = version;
        this.state = state;
    }

    /** The version asked for; 0 when the model folder itself could not be read. */
    public int version() {
        return version;
    }

    public ModelState state() {
        return state;
    }
}
