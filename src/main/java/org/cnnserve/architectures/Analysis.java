package org.cnnserve.architectures;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arithmetic of one graph configuration at one input size: a row per vertex in topological
 * order, and their totals. Made by {@link ArchitectureAnalysis#of}.
 *
 * @param input   the image the network was analysed for, as {@code [channels, height, width]}
 * @param outputs the network outputs these rows feed (every output, or the one it was restricted to)
 * @param rows    one per vertex, the network input excluded, in topological order
 * @param totals  the sums over {@code rows}
 */
public record Analysis(List<Long> input, List<String> outputs, List<Row> rows, Totals totals) {

    /** fp32: what the byte figures assume for weights and activations. */
    public static final int BYTES_PER_VALUE = 4;

    public Analysis {
        input = List.copyOf(input);
        outputs = List.copyOf(outputs);
        rows = List.copyOf(rows);
    }

    Analysis(List<Long> input, List<String> outputs, List<Row> rows) {
        this(input, outputs, rows, Totals.of(input.stream().reduce(1L, (a, b) -> a * b), rows));
    }

    /**
     * Only the vertices the given output depends on: a training configuration's auxiliary heads
     * cost nothing at inference, so their parameters and MACs should not count there.
     *
     * @throws IllegalArgumentException when {@code outputName} is not one of {@link #outputs}
     */
    public Analysis restrictedTo(String outputName) {
        if (!outputs.contains(outputName)) {
            throw new IllegalArgumentException("'" + outputName + "' is not an output of this network; outputs: "
                    + String.join(", ", outputs));
        }
        Map<String, Row> byName = new HashMap<>();
        rows.forEach(r -> byName.put(r.name(), r));
        Set<String> needed = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(outputName));
        while (!pending.isEmpty()) {
            Row row = byName.get(pending.pop());
            if (row != null && needed.add(row.name())) {
                pending.addAll(row.inputs());
            }
        }
        List<Row> kept = new ArrayList<>();
        for (Row r : rows) {
            if (needed.contains(r.name())) {
                kept.add(r);
            }
        }
        return new Analysis(input, List.of(outputName), kept);
    }

    /** {@code [3, 224, 224]} as {@code 3x224x224}. */
    static String dimensionsText(List<Long> dimensions) {
        StringBuilder s = new StringBuilder();
        for (Long d : dimensions) {
            s.append(s.length() == 0 ? "" : "x").append(d);
        }
        return s.toString();
    }

    /** The row of a vertex, by name. */
    public Row row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no vertex '" + name + "' in this analysis"));
    }

    /**
     * One vertex.
     *
     * @param name            the vertex name in the configuration
     * @param kind            conv, pool, globalpool, bn, act, lrn, dropout, zeropad, fc, loss, concat, add or subset
     * @param detail          the settings that matter for the arithmetic, e.g. {@code 7x7/2 pad 3, no bias}
     * @param inputs          the vertices it reads
     * @param output          its output per image: {@code [channels, height, width]} or {@code [features]}
     * @param parameters      learnable parameters
     * @param buffers         stored non-learnable values (BatchNorm running mean and variance)
     * @param macs            multiply-accumulates per image (convolutions and fully connected layers only)
     * @param activations     output elements per image
     * @param receptiveField  side of the input-pixel square one output element depends on (padding included)
     * @param jump            distance in input pixels between neighbouring output elements (the cumulative stride)
     */
    public record Row(String name, String kind, String detail, List<String> inputs, List<Long> output,
                      long parameters, long buffers, long macs, long activations, long receptiveField, long jump) {

        public Row {
            inputs = List.copyOf(inputs);
            output = List.copyOf(output);
        }

        /** {@code 64x112x112} or {@code 1000}. */
        public String outputText() {
            return dimensionsText(output);
        }
    }

    /**
     * Sums over the rows.
     *
     * @param activations     output elements of every row, per image
     * @param inputElements   the input image's own elements, not part of {@code activations}
     * @param parameterBytes  {@code parameters} at fp32
     * @param activationBytes {@code activations + inputElements} at fp32: one forward pass's values, nothing freed
     */
    public record Totals(long parameters, long buffers, long macs, long activations, long inputElements,
                         long parameterBytes, long activationBytes) {

        static Totals of(long inputElements, List<Row> rows) {
            long parameters = 0;
            long buffers = 0;
            long macs = 0;
            long activations = 0;
            for (Row r : rows) {
                parameters += r.parameters();
                buffers += r.buffers();
                macs += r.macs();
                activations += r.activations();
            }
            return new Totals(parameters, buffers, macs, activations, inputElements,
                    parameters * BYTES_PER_VALUE, (activations + inputElements) * BYTES_PER_VALUE);
        }
    }
}
