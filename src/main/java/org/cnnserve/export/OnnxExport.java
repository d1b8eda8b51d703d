package org.cnnserve.export;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cnnserve.architectures.InputShape;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Writes a DL4J {@link ComputationGraph} (a catalogue architecture with a version's weights) as an
 * ONNX model: opset {@value #OPSET}, one input {@value #INPUT} of float32 [N, C, H, W] with a free
 * batch dimension N, one output {@value #OUTPUT} of float32 [N, classes], the softmax that the
 * DL4J graph's output layer computes. The graph's first output is exported; training-only heads
 * after it (GoogLeNet's auxiliary classifiers) are left out. Vertices are walked in DL4J's
 * topological order, as the native engine's compiler walks them, and every window's padding is
 * written out explicitly and checked against DL4J's declared shapes. A vertex with no ONNX form
 * here fails the export with {@link OnnxExportException}, naming the vertex.
 */
public final class OnnxExport {

    public static final String INPUT = "input";
    public static final String OUTPUT = "probabilities";
    public static final int OPSET = 13;
    /** The IR version that goes with opset 13. */
    private static final int IR_VERSION = 7;

    private OnnxExport() {
    }

    /** The ONNX model as the bytes of a {@code .onnx} file. */
    public static byte[] export(ComputationGraph graph, InputShape input, int classes) {
        return model(graph, input, classes).toByteArray();
    }

    static ModelProto model(ComputationGraph graph, InputShape input, int classes) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        if (conf.getNetworkInputs().size() != 1) {
            throw new OnnxExportException("ONNX export writes graphs with one input, this one has "
                    + conf.getNetworkInputs());
        }
        String networkInput = conf.getNetworkInputs().get(0);
        String networkOutput = conf.getNetworkOutputs().get(0);
        Map<String, List<String>> inputs = conf.getVertexInputs();
        Set<String> needed = ancestors(networkOutput, inputs);
        // A clone: shape inference may add preprocessors to the configuration it runs on.
        Map<String, InputType> types = conf.clone().getLayerActivationTypes(
                InputType.convolutional(input.height(), input.width(), input.channels()));
        types.put(networkInput, InputType.convolutional(input.height(), input.width(), input.channels()));

        OnnxGraph g = new OnnxGraph("cnnserve");
        g.fresh(INPUT);
        g.fresh(OUTPUT); // reserved: only the output vertex's tensor is renamed to it
        Map<String, String> tensors = new HashMap<>();
        tensors.put(networkInput, INPUT);
        for (int index : graph.topologicalSortOrder()) {
            String name = graph.getVertices()[index].getVertexName();
            if (name.equals(networkInput) || !needed.contains(name)) {
                continue;
            }
            List<String> from = inputs.get(name);
            List<String> in = from.stream().map(tensors::get).toList();
            GraphVertex vertex = conf.getVertices().get(name);
            try {
                tensors.put(name, vertex instanceof LayerVertex layer
                        ? OnnxLayers.layer(g, name, layer.getLayerConf().getLayer(), layer.getPreProcessor(),
                                graph.getLayer(name).paramTable(), in.get(0), types.get(from.get(0)), types.get(name))
                        : OnnxVertices.vertex(g, name, vertex, in));
            } catch (RuntimeException e) {
                throw new OnnxExportException("vertex '" + name + "' " + e.getMessage(), e);
            }
        }
        InputType outType = types.get(networkOutput);
        // A LossLayer declares no size of its own: its input's is the output's.
        for (String v = networkOutput; outType instanceof InputType.InputTypeFeedForward ff && ff.getSize() == 0
                && inputs.getOrDefault(v, List.of()).size() == 1; ) {
            v = inputs.get(v).get(0);
            outType = types.get(v);
        }
        if (!(outType instanceof InputType.InputTypeFeedForward ff) || ff.getSize() != classes) {
            throw new OnnxExportException("output vertex '" + networkOutput + "' gives " + outType + ", not the "
                    + classes + " class probabilities");
        }
        nameOutput(g.proto(), networkOutput, tensors.get(networkOutput));
        g.proto().addInput(valueInfo(INPUT, -1, input.channels(), input.height(), input.width()))
                .addOutput(valueInfo(OUTPUT, -1, classes));
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("cnnserve")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(g.proto()).build();
    }

    /** The vertices {@code output} depends on, itself included. */
    private static Set<String> ancestors(String output, Map<String, List<String>> inputs) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(output));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (seen.add(name)) {
                todo.addAll(inputs.getOrDefault(name, List.of()));
            }
        }
        return seen;
    }

    /** Renames the softmax that ends the graph to {@link #OUTPUT}; a graph that ends otherwise is refused. */
    private static void nameOutput(GraphProto.Builder graph, String vertex, String tensor) {
        for (NodeProto.Builder node : graph.getNodeBuilderList()) {
            if (node.getOutputCount() == 1 && node.getOutput(0).equals(tensor)) {
                boolean readByOthers = graph.getNodeList().stream().anyMatch(n -> n.getInputList().contains(tensor));
                if (!node.getOpType().equals("Softmax") || readByOthers) {
                    break;
                }
                node.setOutput(0, OUTPUT);
                return;
            }
        }
        throw new OnnxExportException("output vertex '" + vertex + "' does not end in a softmax of its own; "
                + "ONNX export writes class probabilities");
    }

    /** A float32 tensor's name and shape; a negative dimension is the free batch dimension. */
    private static ValueInfoProto valueInfo(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
                .build();
    }
}
