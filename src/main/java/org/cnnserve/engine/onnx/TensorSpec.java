package org.cnnserve.engine.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * A graph input or output as model.onnx declares it.
 *
 * @param elementType ONNX's {@code TensorProto.DataType} number (1: float)
 * @param dims        the declared dimensions, -1 where a dimension is symbolic or not given
 */
record TensorSpec(String name, int elementType, long[] dims) {

    static TensorSpec of(OnnxMl.ValueInfoProto value) {
        OnnxMl.TypeProto.Tensor tensor = value.getType().getTensorType();
        long[] dims = new long[tensor.getShape().getDimCount()];
        for (int i = 0; i < dims.length; i++) {
            OnnxMl.TensorShapeProto.Dimension d = tensor.getShape().getDim(i);
            dims[i] = d.hasDimValue() && d.getDimValue() > 0 ? d.getDimValue() : -1;
        }
        return new TensorSpec(value.getName(), tensor.getElemType(), dims);
    }

    boolean isFloat() {
        return elementType == OnnxMl.TensorProto.DataType.FLOAT_VALUE;
    }

    int rank() {
        return dims.length;
    }

    String typeName() {
        OnnxMl.TensorProto.DataType type = OnnxMl.TensorProto.DataType.forNumber(elementType);
        return type == null ? "type " + elementType : type.name().toLowerCase(Locale.ROOT);
    }

    /** As in messages: {@code [N,3,224,224]}, N for a free batch dimension and ? for another free one. */
    String describe() {
        StringJoiner text = new StringJoiner(",", "[", "]");
        for (int i = 0; i < dims.length; i++) {
            text.add(dims[i] > 0 ? Long.toString(dims[i]) : i == 0 ? "N" : "?");
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return name + " " + describe() + " " + typeName();
    }
}
