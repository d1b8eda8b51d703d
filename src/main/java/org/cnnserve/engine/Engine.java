package org.cnnserve.engine;

import java.util.Locale;

/** The three ways a served network runs. */
public enum Engine {
    /** DL4J's own layers (ComputationGraph.output): the graph training uses. */
    DL4J,
    /** The graph compiled into libnd4j's native ops by {@link NativeCompiler}. */
    NATIVE,
    /** A model.onnx run by ONNX Runtime ({@link org.cnnserve.engine.onnx.OnnxModel}). */
    ONNX;

    /** The name used in model.yaml and the API. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
