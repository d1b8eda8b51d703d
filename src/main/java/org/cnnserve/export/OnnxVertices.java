package org.cnnserve.export;

import java.util.List;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;

/** DL4J's parameter-free vertices (residual adds, concatenations, channel subsets) as ONNX nodes. */
final class OnnxVertices {

    private OnnxVertices() {
    }

    static String vertex(OnnxGraph g, String name, GraphVertex vertex, List<String> in) {
        if (vertex instanceof ElementWiseVertex elementWise) {
            // Also the stochastic-depth add, which at inference is a plain sum.
            String op = switch (elementWise.getOp()) {
                case Add -> "Sum";
                case Average -> "Mean";
                case Max -> "Max";
                case Product -> in.size() == 2 ? "Mul" : null;
                case Subtract -> in.size() == 2 ? "Sub" : null;
            };
            if (op == null) {
                throw new OnnxExportException("is an element-wise " + elementWise.getOp() + " of " + in.size()
                        + " inputs, which ONNX export has no form for");
            }
            return g.node(op, g.fresh(name), in);
        }
        if (vertex instanceof MergeVertex merge && merge.getMergeAxis() == 1) {
            return g.node("Concat", g.fresh(name), in, OnnxGraph.integer("axis", 1));
        }
        if (vertex instanceof SubsetVertex subset) {
            // Channels from..to, inclusive, of a feature map or of a feature vector: axis 1 either way.
            return g.node("Slice", g.fresh(name), List.of(in.get(0), g.longs(name + ".starts", subset.getFrom()),
                    g.longs(name + ".ends", subset.getTo() + 1L), g.longs(name + ".axes", 1)));
        }
        throw new OnnxExportException("is a " + vertex.getClass().getSimpleName() + ", which ONNX export has no form for");
    }
}
