package org.cnnserve.registry;

import org.cnnserve.architectures.InputShape;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Turns a catalogue network with its weights into an ONNX model, so that {@code engine: onnx} can serve a
 * model that names an architecture rather than holding a {@code model.onnx}. The registry defines what it
 * needs; the export feature provides it ({@code org.cnnserve.export.OnnxExport}), which keeps the
 * dependency pointing from export to the registry and not back.
 */
@FunctionalInterface
public interface GraphConversion {

    /** @return the ONNX model's bytes: input {@code [N, C, H, W]} float32, output the class probabilities */
    byte[] toOnnx(ComputationGraph graph, InputShape input, int classes);
}
