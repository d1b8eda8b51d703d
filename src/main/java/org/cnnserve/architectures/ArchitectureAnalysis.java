package org.cnnserve.architectures;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;

/**
 * Parameters, buffers, multiply-accumulates, activation sizes and receptive fields of a graph
 * configuration, worked out from the configuration alone: nothing is allocated or built.
 *
 * <p>Output shapes are DL4J's own ({@link ComputationGraphConfiguration#getLayerActivationTypes}),
 * so they are what the built network produces. The counts follow the reference implementations:
 * a convolution has k*k*Cin*Cout weights (+Cout biases) and Hout*Wout*Cout*k*k*Cin MACs; a fully
 * connected layer nin*nout (+nout) and nin*nout MACs; BatchNorm has gamma and beta (2*C) as
 * parameters and its running mean and variance (2*C) as buffers; nothing else has parameters or
 * MACs. The receptive field follows rf_out = rf_in + (k-1)*jump_in and jump_out = jump_in*stride
 * per axis; a merge or addition takes the largest field of its inputs; global pooling and a fully
 * connected layer on a feature map cover the whole map.
 */
public final class ArchitectureAnalysis {

    private ArchitectureAnalysis() {
    }

    /** Receptive field side and jump, per axis, of one vertex's output. */
    private record Field(long rfH, long rfW, long jumpH, long jumpW) {

        static final Field PIXEL = new Field(1, 1, 1, 1);

        Field through(VertexArithmetic.Step step) {
            return new Field(rfH + (step.kernelH() - 1) * jumpH, rfW + (step.kernelW() - 1) * jumpW,
                    jumpH * step.strideH(), jumpW * step.strideW());
        }

        Field widest(Field other) {
            return new Field(Math.max(rfH, other.rfH), Math.max(rfW, other.rfW),
                    Math.max(jumpH, other.jumpH), Math.max(jumpW, other.jumpW));
        }
    }

    /**
     * Analyses every vertex of {@code conf} for one image of {@code input}.
     *
     * @throws IllegalArgumentException when the configuration has another number of inputs than one,
     *                                  or a layer or vertex type the analysis does not support (named)
     */
    public static Analysis of(ComputationGraphConfiguration conf, InputShape input) {
        return of(conf, input.height(), input.width(), input.channels());
    }

    /** For feature-map inputs that are no image, such as an Inception module's 28x28x256. */
    static Analysis of(ComputationGraphConfiguration conf, long height, long width, long channels) {
        List<String> inputs = conf.getNetworkInputs();
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("the analysis needs a graph with exactly one input, this one has "
                    + inputs);
        }
        // DL4J adds the preprocessors it needs (feature map -> vector before a dense layer) and the
        // layers' nIn while it works the types out; on a copy, so the caller's configuration is untouched.
        ComputationGraphConfiguration copy = conf.clone();
        Map<String, InputType> types = copy.getLayerActivationTypes(true,
                InputType.convolutional(height, width, channels));
        Map<String, Field> fields = new HashMap<>();
        fields.put(inputs.get(0), Field.PIXEL);
        List<Analysis.Row> rows = new ArrayList<>();
        for (String name : order(copy)) {
            GraphVertex vertex = copy.getVertices().get(name);
            List<String> from = copy.getVertexInputs().get(name);
            // A LossLayer passes its input through, but DL4J declares its output from nOut, which a
            // LossLayer never sets (0 features).
            InputType type = isLossLayer(vertex) ? types.get(from.get(0)) : types.get(name);
            VertexArithmetic.Step step = VertexArithmetic.of(name, vertex, types.get(from.get(0)), type);
            Field in = fields.get(from.get(0));
            for (String other : from) {
                in = in.widest(fields.get(other));
            }
            Field out = in.through(step);
            fields.put(name, out);
            rows.add(new Analysis.Row(name, step.kind(), step.detail(), from, dimensions(name, type),
                    step.parameters(), step.buffers(), step.macs(), type.arrayElementsPerExample(),
                    Math.max(out.rfH(), out.rfW()), Math.max(out.jumpH(), out.jumpW())));
        }
        return new Analysis(List.of(channels, height, width), conf.getNetworkOutputs(), rows);
    }

    private static boolean isLossLayer(GraphVertex vertex) {
        return vertex instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof LossLayer;
    }

    /**
     * A topological order that keeps the order the vertices were added in wherever the edges allow:
     * DL4J's own order is breadth-first and scatters a block's layers (a shortcut's convolution
     * lands between the main path's), which makes a table hard to read.
     */
    private static List<String> order(ComputationGraphConfiguration conf) {
        Map<String, Integer> position = new HashMap<>();
        for (String name : conf.getVertices().keySet()) {
            position.put(name, position.size());
        }
        Map<String, Integer> waitingFor = new HashMap<>();
        Map<String, List<String>> readers = new HashMap<>();
        PriorityQueue<String> ready = new PriorityQueue<>(Comparator.comparing(position::get));
        for (String name : conf.getVertices().keySet()) {
            int pending = 0;
            for (String in : conf.getVertexInputs().get(name)) {
                if (position.containsKey(in)) {
                    readers.computeIfAbsent(in, k -> new ArrayList<>()).add(name);
                    pending++;
                }
            }
            waitingFor.put(name, pending);
            if (pending == 0) {
                ready.add(name);
            }
        }
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String next = ready.poll();
            order.add(next);
            for (String reader : readers.getOrDefault(next, List.of())) {
                if (waitingFor.merge(reader, -1, Integer::sum) == 0) {
                    ready.add(reader);
                }
            }
        }
        return order;
    }

    private static List<Long> dimensions(String name, InputType type) {
        if (type instanceof InputType.InputTypeConvolutional c) {
            return List.of(c.getChannels(), c.getHeight(), c.getWidth());
        }
        if (type instanceof InputType.InputTypeFeedForward f) {
            return List.of(f.getSize());
        }
        throw new IllegalArgumentException("vertex '" + name + "' yields " + type
                + "; the analysis supports feature maps and vectors only");
    }
}
