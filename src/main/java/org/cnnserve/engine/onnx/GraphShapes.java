package org.cnnserve.engine.onnx;

import ai.onnx.proto.OnnxMl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape of every value in an ONNX graph, per image, and what the graph's Conv, Gemm and MatMul
 * nodes cost. Shapes come from the file's own value_info where the exporter wrote it (PyTorch does),
 * else they are inferred here along the graph for the ops image classifiers use; a dimension that
 * cannot be known (the batch, a symbolic one) is -1. A Conv, Gemm or MatMul whose output shape stays
 * unknown is left out of the count, and {@link #uncounted()} names it.
 */
final class GraphShapes {

    private static final Set<String> SAME_SHAPE = Set.of("Relu", "LeakyRelu", "Sigmoid", "Tanh", "Clip", "Elu",
            "HardSigmoid", "HardSwish", "Selu", "Softmax", "LogSoftmax", "BatchNormalization", "Dropout", "Identity",
            "LRN", "InstanceNormalization", "Neg", "Exp", "Sqrt", "Erf", "Cast");
    private static final Set<String> BROADCAST = Set.of("Add", "Sub", "Mul", "Div", "Max", "Min", "Pow", "Sum");

    private final Map<String, long[]> shapes = new HashMap<>();
    private final Map<String, long[]> constants = new HashMap<>();
    private long macs;
    private long activationValues;
    private final java.util.List<String> uncounted = new java.util.ArrayList<>();

    GraphShapes(OnnxMl.GraphProto graph) {
        for (OnnxMl.TensorProto t : graph.getInitializerList()) {
            shapes.put(t.getName(), t.getDimsList().stream().mapToLong(Long::longValue).toArray());
            if (t.getDataType() == OnnxMl.TensorProto.DataType.INT64_VALUE) {
                constants.put(t.getName(), int64s(t));
            }
        }
        for (List<OnnxMl.ValueInfoProto> values : List.of(graph.getInputList(), graph.getValueInfoList(),
                graph.getOutputList())) {
            for (OnnxMl.ValueInfoProto v : values) {
                if (v.getType().hasTensorType() && v.getType().getTensorType().hasShape()) {
                    shapes.putIfAbsent(v.getName(), TensorSpec.of(v).dims());
                }
            }
        }
        // ONNX requires nodes in topological order, so one pass sees every input before its use.
        for (OnnxMl.NodeProto node : graph.getNodeList()) {
            if (node.getOutputCount() == 0) {
                continue;
            }
            String out = node.getOutput(0);
            if (!shapes.containsKey(out)) {
                long[] inferred = infer(node);
                if (inferred != null) {
                    shapes.put(out, inferred);
                }
            }
            long[] shape = shapes.get(out);
            if (shape != null && perImage(shape) > 0) {
                activationValues += perImage(shape);
            }
            count(node, shape);
        }
    }

    /** Multiply-adds per image of the Conv, Gemm and MatMul nodes whose shapes are known. */
    long macs() {
        return macs;
    }

    /** Values one image's forward pass produces, summed over the nodes whose output shape is known. */
    long activationValues() {
        return activationValues;
    }

    /** Conv, Gemm and MatMul nodes left out of {@link #macs()} because a shape was unknown. */
    List<String> uncounted() {
        return List.copyOf(uncounted);
    }

    private void count(OnnxMl.NodeProto node, long[] out) {
        String op = node.getOpType();
        if (!op.equals("Conv") && !op.equals("Gemm") && !op.equals("MatMul")) {
            return;
        }
        long[] weights = node.getInputCount() > 1 ? shapes.get(node.getInput(1)) : null;
        long outPerImage = out == null ? -1 : perImage(out);
        long reduced = -1;
        if (weights != null) {
            if (op.equals("Conv") && weights.length >= 3) {
                reduced = product(weights, 1, weights.length); // (in_c / groups) * kh * kw
            } else if (op.equals("Gemm") && weights.length == 2) {
                reduced = attribute(node, "transB", 0) == 1 ? weights[1] : weights[0];
            } else if (op.equals("MatMul") && weights.length >= 2) {
                reduced = weights[weights.length - 2];
            }
        }
        if (outPerImage > 0 && reduced > 0) {
            macs += outPerImage * reduced;
        } else {
            uncounted.add(op + " " + (node.getName().isEmpty() ? node.getOutput(0) : node.getName()));
        }
    }

    private long[] infer(OnnxMl.NodeProto node) {
        long[] x = node.getInputCount() > 0 ? shapes.get(node.getInput(0)) : null;
        String op = node.getOpType();
        if (op.equals("Constant")) {
            for (OnnxMl.AttributeProto a : node.getAttributeList()) {
                if (a.getName().equals("value")) {
                    if (a.getT().getDataType() == OnnxMl.TensorProto.DataType.INT64_VALUE) {
                        constants.put(node.getOutput(0), int64s(a.getT()));
                    }
                    return a.getT().getDimsList().stream().mapToLong(Long::longValue).toArray();
                }
            }
            return null;
        }
        if (x == null) {
            return null;
        }
        if (SAME_SHAPE.contains(op)) {
            return x.clone();
        }
        if (BROADCAST.contains(op)) {
            return broadcast(node);
        }
        return switch (op) {
            case "Conv", "MaxPool", "AveragePool" -> window(node, x);
            case "GlobalAveragePool", "GlobalMaxPool" -> globalPool(x);
            case "Flatten" -> flatten(x, (int) attribute(node, "axis", 1));
            case "Gemm", "MatMul" -> matrixProduct(node, x);
            case "Reshape" -> reshape(x, node.getInputCount() > 1 ? constants.get(node.getInput(1)) : null);
            case "Concat" -> concat(node);
            default -> null;
        };
    }

    private long[] window(OnnxMl.NodeProto node, long[] x) {
        if (x.length != 4) {
            return null;
        }
        long[] kernel = ints(node, "kernel_shape");
        long channels = x[1];
        if (node.getOpType().equals("Conv")) {
            long[] w = shapes.get(node.getInput(1));
            if (w == null || w.length != 4) {
                return null;
            }
            channels = w[0];
            kernel = kernel.length == 2 ? kernel : new long[] {w[2], w[3]};
        }
        if (kernel.length != 2 || !attributeText(node, "auto_pad").matches("|NOTSET")) {
            return null;
        }
        long[] strides = orDefault(ints(node, "strides"), 1);
        long[] dilations = orDefault(ints(node, "dilations"), 1);
        long[] pads = ints(node, "pads").length == 4 ? ints(node, "pads") : new long[4];
        boolean ceil = attribute(node, "ceil_mode", 0) == 1;
        long[] out = {x[0], channels, -1, -1};
        for (int i = 0; i < 2; i++) {
            long span = dilations[i] * (kernel[i] - 1) + 1;
            long room = x[2 + i] + pads[i] + pads[i + 2] - span;
            out[2 + i] = x[2 + i] < 0 ? -1 : Math.floorDiv(ceil ? room + strides[i] - 1 : room, strides[i]) + 1;
        }
        return out;
    }

    private static long[] globalPool(long[] x) {
        long[] out = x.clone();
        for (int i = 2; i < out.length; i++) {
            out[i] = 1;
        }
        return out;
    }

    private static long[] flatten(long[] x, int axis) {
        int a = axis < 0 ? axis + x.length : axis;
        return new long[] {a == 0 ? 1 : product(x, 0, a), product(x, a, x.length)};
    }

    private long[] matrixProduct(OnnxMl.NodeProto node, long[] a) {
        long[] b = shapes.get(node.getInput(1));
        if (b == null || a.length < 2 || b.length != 2) {
            return null;
        }
        long[] out = a.clone();
        if (node.getOpType().equals("Gemm")) {
            out[0] = attribute(node, "transA", 0) == 1 ? a[1] : a[0];
        }
        out[out.length - 1] = attribute(node, "transB", 0) == 1 ? b[0] : b[1];
        return out;
    }

    private static long[] reshape(long[] x, long[] target) {
        if (target == null) {
            return null;
        }
        long[] out = new long[target.length];
        int free = -1;
        for (int i = 0; i < target.length; i++) {
            out[i] = target[i] == 0 && i < x.length ? x[i] : target[i];
            if (target[i] == -1) {
                free = i;
            }
        }
        // The usual classifier head, x.view(N, -1) or reshape(0, -1): the free dimension holds the rest of the image.
        if (free > 0 && (target[0] == 0 || out[0] == x[0]) && product(x, 1, x.length) > 0) {
            long known = product(out, 1, free) * product(out, free + 1, out.length);
            out[free] = known > 0 ? product(x, 1, x.length) / known : -1;
        }
        return out;
    }

    private long[] concat(OnnxMl.NodeProto node) {
        long[] first = shapes.get(node.getInput(0));
        int axis = (int) attribute(node, "axis", 1);
        axis = axis < 0 ? axis + first.length : axis;
        long[] out = first.clone();
        for (int i = 1; i < node.getInputCount(); i++) {
            long[] s = shapes.get(node.getInput(i));
            if (s == null || s.length != out.length) {
                return null;
            }
            out[axis] = out[axis] < 0 || s[axis] < 0 ? -1 : out[axis] + s[axis];
        }
        return out;
    }

    private long[] broadcast(OnnxMl.NodeProto node) {
        long[] out = new long[0];
        for (String input : node.getInputList()) {
            long[] s = shapes.get(input);
            if (s == null) {
                return null;
            }
            long[] wider = new long[Math.max(out.length, s.length)];
            for (int i = 0; i < wider.length; i++) {
                long a = dimFromEnd(out, wider.length - 1 - i);
                long b = dimFromEnd(s, wider.length - 1 - i);
                wider[i] = a == 1 ? b : b == 1 ? a : a < 0 ? b : a;
            }
            out = wider;
        }
        return out;
    }

    private static long dimFromEnd(long[] shape, int fromEnd) {
        return fromEnd < shape.length ? shape[shape.length - 1 - fromEnd] : 1;
    }

    /** Elements per image: all dimensions after the batch; -1 when one is unknown. */
    private static long perImage(long[] shape) {
        return shape.length < 2 ? -1 : product(shape, 1, shape.length);
    }

    private static long product(long[] dims, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            if (dims[i] < 0) {
                return -1;
            }
            p *= dims[i];
        }
        return p;
    }

    private static long[] orDefault(long[] values, long fallback) {
        return values.length == 2 ? values : new long[] {fallback, fallback};
    }

    private static long attribute(OnnxMl.NodeProto node, String name, long fallback) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).mapToLong(
                OnnxMl.AttributeProto::getI).findFirst().orElse(fallback);
    }

    private static String attributeText(OnnxMl.NodeProto node, String name) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name))
                .map(a -> a.getS().toStringUtf8()).findFirst().orElse("");
    }

    private static long[] ints(OnnxMl.NodeProto node, String name) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name))
                .map(a -> a.getIntsList().stream().mapToLong(Long::longValue).toArray())
                .findFirst().orElse(new long[0]);
    }

    private static long[] int64s(OnnxMl.TensorProto t) {
        if (t.getInt64DataCount() > 0) {
            return t.getInt64DataList().stream().mapToLong(Long::longValue).toArray();
        }
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long[] values = new long[raw.remaining() / Long.BYTES];
        raw.asLongBuffer().get(values);
        return values;
    }
}
