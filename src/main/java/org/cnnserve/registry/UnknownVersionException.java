package org.cnnserve.registry;

import java.util.List;

/** The model exists but not in that version, or that version is not loaded (HTTP 404). */
public class UnknownVersionException extends RuntimeException {

    public UnknownVersionException(String model, String version, List<Integer> loaded) {
        super("model '" + model + "' has no loaded version '" + version + "'; loaded versions: " + loaded);
    }
}
