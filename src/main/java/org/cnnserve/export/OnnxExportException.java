package org.cnnserve.export;

/** The network cannot be written as ONNX, or its version cannot be read; the message names the vertex or file. */
public final class OnnxExportException extends RuntimeException {

    public OnnxExportException(String message) {
        super(message);
    }

    public OnnxExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
