package org.cnnserve.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An ONNX graph being written: nodes in the order added (which must be a topological order, as
 * ONNX requires), and weights as initializers. Tensor names are unique: a name already used gets a
 * numbered suffix.
 */
final class OnnxGraph {

    private final GraphProto.Builder graph;
    private final Set<String> names = new HashSet<>();

    OnnxGraph(String name) {
        this.graph = GraphProto.newBuilder().setName(name);
    }

    /** A tensor name not used before, {@code wanted} if it is free. */
    String fresh(String wanted) {
        String name = wanted;
        for (int i = 2; !names.add(name); i++) {
            name = wanted + "_" + i;
        }
        return name;
    }

    /** Adds a node writing the tensor {@code output} (a name from {@link #fresh}); returns that name. */
    String node(String op, String output, List<String> inputs, AttributeProto... attributes) {
        graph.addNode(NodeProto.newBuilder().setOpType(op).setName(output).addAllInput(inputs).addOutput(output)
                .addAllAttribute(List.of(attributes)));
        return output;
    }

    /** Adds {@code array} as a float32 weight, in row-major order, under a fresh name. */
    String floats(String wanted, INDArray array) {
        INDArray values = array.castTo(DataType.FLOAT).dup('c');
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(values.length() * Float.BYTES))
                .order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values.data().asFloat(), 0, (int) values.length());
        return initializer(wanted, TensorProto.DataType.FLOAT, values.shape(), ByteString.copyFrom(bytes));
    }

    /** Adds a one-dimensional int64 constant (Pad's pads, Slice's starts and ends) under a fresh name. */
    String longs(String wanted, long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return initializer(wanted, TensorProto.DataType.INT64, new long[] {values.length}, ByteString.copyFrom(bytes));
    }

    private String initializer(String wanted, TensorProto.DataType type, long[] shape, ByteString raw) {
        String name = fresh(wanted);
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(raw);
        for (long d : shape) {
            tensor.addDims(d);
        }
        graph.addInitializer(tensor);
        return name;
    }

    GraphProto.Builder proto() {
        return graph;
    }

    static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto real(String name, double value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT)
                .setF((float) value).build();
    }
}
