package org.cnnserve.export;

import static org.cnnserve.export.OnnxGraph.integer;
import static org.cnnserve.export.OnnxGraph.real;

import java.util.List;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/** DL4J activation functions as ONNX nodes; the identity adds none. */
final class Activations {

    private Activations() {
    }

    static boolean isIdentity(IActivation activation) {
        return activation instanceof ActivationIdentity;
    }

    /** Applies {@code activation} to the tensor {@code x}, the output of vertex {@code name} of type {@code type}. */
    static String apply(OnnxGraph g, String name, IActivation activation, String x, InputType type) {
        if (isIdentity(activation)) {
            return x;
        }
        if (activation instanceof ActivationReLU relu) {
            // DL4J's ReLU can be clipped, thresholded or leaky; the catalogue's is the plain one.
            if (relu.getMax() != null && relu.getMax() != 0 || relu.getThreshold() != null && relu.getThreshold() != 0
                    || relu.getNegativeSlope() != null && relu.getNegativeSlope() != 0) {
                throw new OnnxExportException("has the activation " + relu + ", which ONNX export has no form for");
            }
            return g.node("Relu", g.fresh(name), List.of(x));
        }
        if (activation instanceof ActivationSoftmax) {
            // DL4J's softmax runs over the features of each row; a feature map's channels would need another axis.
            if (type.getType() != InputType.Type.FF) {
                throw new OnnxExportException("applies softmax to a " + type + ", which ONNX export has no form for");
            }
            return g.node("Softmax", g.fresh(name), List.of(x), integer("axis", 1));
        }
        if (activation instanceof ActivationSigmoid) {
            return g.node("Sigmoid", g.fresh(name), List.of(x));
        }
        if (activation instanceof ActivationTanH) {
            return g.node("Tanh", g.fresh(name), List.of(x));
        }
        if (activation instanceof ActivationLReLU leaky) {
            return g.node("LeakyRelu", g.fresh(name), List.of(x), real("alpha", leaky.getAlpha()));
        }
        throw new OnnxExportException("has the activation " + activation + ", which ONNX export has no form for");
    }
}
