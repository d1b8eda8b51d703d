package org.cnnserve.registry;

/**
 * A load through the repository API did not make the versions it selected READY: the model folder
 * could not be read, or a version failed to load. What served before still serves.
 */
public class LoadFailedException extends RuntimeException {

    public LoadFailedException(String model, String reason) {
        super("failed to load model '" + model + "': " + reason);
    }
}
