package org.cnnserve.engine.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.serving.Device;

/**
 * An ONNX model, read once: its facts (parameters, MACs, input, output, whether it ends in a softmax)
 * come from ONNX's protobuf, and {@link #replica} opens an ONNX Runtime session on it. Immutable; one
 * instance may open the sessions of every replica.
 */
public final class OnnxModelFile {

    /** The file a model version folder holds instead of DL4J weights. */
    public static final String FILE_NAME = "model.onnx";

    private final byte[] bytes;
    private final TensorSpec input;
    private final TensorSpec output;
    private final Ending ending;
    private final long parameters;
    private final GraphShapes shapes;

    private OnnxModelFile(byte[] bytes, OnnxMl.ModelProto model) {
        this.bytes = bytes;
        OnnxMl.GraphProto graph = model.getGraph();
        Set<String> initializers = graph.getInitializerList().stream().map(OnnxMl.TensorProto::getName)
                .collect(Collectors.toSet());
        // Older exporters list the weights among the inputs too; only the others are fed.
        List<OnnxMl.ValueInfoProto> inputs = graph.getInputList().stream()
                .filter(v -> !initializers.contains(v.getName())).toList();
        if (inputs.size() != 1 || graph.getOutputCount() != 1) {
            throw new OnnxModelException(FILE_NAME + " has " + inputs.size() + " input(s) and " + graph.getOutputCount()
                    + " output(s); the service feeds one image tensor and reads one tensor of class scores");
        }
        this.input = TensorSpec.of(inputs.get(0));
        this.output = TensorSpec.of(graph.getOutput(0));
        this.ending = Ending.ofOp(producer(graph, output.name()));
        this.parameters = graph.getInitializerList().stream()
                .mapToLong(t -> t.getDimsList().stream().mapToLong(Long::longValue).reduce(1, Math::multiplyExact)).sum();
        this.shapes = new GraphShapes(graph);
    }

    /**
     * An ONNX model held in memory: how an exported DL4J graph reaches the engine without a file.
     *
     * @throws OnnxModelException when the bytes are not an ONNX model with one input and one output
     */
    public static OnnxModelFile of(byte[] model) {
        try {
            return new OnnxModelFile(model.clone(), OnnxMl.ModelProto.parseFrom(model));
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxModelException("not an ONNX model (protobuf ModelProto): " + e.getMessage(), e);
        }
    }

    /** Reads a model.onnx file; see {@link #of(byte[])}. */
    public static OnnxModelFile read(Path file) {
        try {
            return of(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new OnnxModelException("cannot read " + file + ": " + e, e);
        } catch (OnnxModelException e) {
            throw new OnnxModelException(file + ": " + e.getMessage(), e);
        }
    }

    /** The model's bytes, as a .onnx file holds them: a copy. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The sum of the initializers' element counts. */
    public long parameters() {
        return parameters;
    }

    /** Multiply-adds per image of the graph's Conv, Gemm and MatMul nodes (those with known shapes). */
    public long macs() {
        return shapes.macs();
    }

    /** Conv, Gemm and MatMul nodes whose shapes could not be inferred, so {@link #macs()} leaves them out. */
    public List<String> uncountedNodes() {
        return shapes.uncounted();
    }

    /** One image's forward-pass values at fp32, over the nodes whose output shapes are known. */
    public long activationBytes() {
        return shapes.activationValues() * Float.BYTES;
    }

    /** Whether the graph ends in a Softmax or LogSoftmax; otherwise the engine applies one. */
    public boolean endsInSoftmax() {
        return ending != Ending.LOGITS;
    }

    /**
     * Checks the file against the model's config, and returns the largest batch it can run: a fixed batch
     * dimension caps it, a free one does not ({@link Integer#MAX_VALUE}).
     *
     * @throws OnnxModelException saying what differs
     */
    public int check(InputShape shape, int classes) {
        long[] dims = input.dims();
        long[] expected = {-1, shape.channels(), shape.height(), shape.width()};
        boolean fits = dims.length == 4;
        for (int i = 1; fits && i < 4; i++) {
            fits = dims[i] < 0 || dims[i] == expected[i];
        }
        if (!fits) {
            throw new OnnxModelException(FILE_NAME + " takes input '" + input.name() + "' " + input.describe()
                    + ", model.yaml says " + shape + " (height x width x channels, so [N," + shape.channels() + ","
                    + shape.height() + "," + shape.width() + "] in NCHW)");
        }
        if (!input.isFloat()) {
            throw new OnnxModelException(FILE_NAME + " takes input '" + input.name() + "' as " + input.typeName()
                    + "; the service feeds float (fp32) tensors");
        }
        if (!output.isFloat()) {
            throw new OnnxModelException(FILE_NAME + " gives output '" + output.name() + "' as " + output.typeName()
                    + "; the service reads float (fp32) class scores");
        }
        long values = perImage(output.dims());
        if (output.rank() < 2 || values > 0 && values != classes) {
            throw new OnnxModelException(FILE_NAME + " gives output '" + output.name() + "' " + output.describe()
                    + ", model.yaml says " + classes + " classes (so [N," + classes + "])");
        }
        return dims[0] > 0 ? Math.toIntExact(dims[0]) : Integer.MAX_VALUE;
    }

    /**
     * Opens a session for one replica, after {@link #check}: on the CPU with {@code threads} intra-op
     * threads, or on {@code device}'s GPU through ONNX Runtime's CUDA execution provider.
     */
    public OnnxModel replica(InputShape shape, int classes, Device device, int threads) {
        int maxBatch = check(shape, classes);
        return OnnxModel.open(bytes, input, output, ending, shape, classes,
                maxBatch == Integer.MAX_VALUE ? 0 : maxBatch, device, threads);
    }

    private static long perImage(long[] dims) {
        long p = 1;
        for (int i = 1; i < dims.length; i++) {
            if (dims[i] < 0) {
                return -1;
            }
            p *= dims[i];
        }
        return p;
    }

    private static String producer(OnnxMl.GraphProto graph, String value) {
        for (int i = graph.getNodeCount() - 1; i >= 0; i--) {
            OnnxMl.NodeProto node = graph.getNode(i);
            if (node.getOutputList().contains(value)) {
                return node.getOpType().equals("Identity") ? producer(graph, node.getInput(0)) : node.getOpType();
            }
        }
        return "";
    }
}
