package org.cnnserve.engine.onnx;

/** A model.onnx that cannot be read, does not fit its model config, or cannot run where it was asked to. */
public final class OnnxModelException extends RuntimeException {

    OnnxModelException(String message) {
        super(message);
    }

    OnnxModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
