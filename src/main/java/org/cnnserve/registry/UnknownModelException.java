package org.cnnserve.registry;

/** No model of that name is in the registry (HTTP 404). */
public class UnknownModelException extends RuntimeException {

    public UnknownModelException(String model) {
        super("no model named '" + model + "'");
    }
}
