package org.cnnserve.web.v2;

import java.util.List;

/**
 * The names, datatypes and shapes of the tensors every served model exposes over V2: one input
 * that is either preprocessed values or encoded image files, and the class probabilities.
 */
final class Tensors {

    /** Preprocessed values, FP32 {@code [N, C, H, W]}. */
    static final String INPUT = "input";
    /** Encoded image files, BYTES {@code [N]}. */
    static final String IMAGE = "image";
    /** Class probabilities, FP32 {@code [N, classes]}. */
    static final String PROBABILITIES = "probabilities";

    static final String FP32 = "FP32";
    static final String BYTES = "BYTES";

    /** The protocol extensions this server implements, as {@code GET /v2} lists them. */
    static final List<String> EXTENSIONS = List.of("binary_tensor_data", "classification");

    private Tensors() {
    }

    /** A tensor's element count, refusing negative dimensions and counts beyond an int. */
    static int elements(long[] shape, String name) {
        long count = 1;
        for (long d : shape) {
            if (d < 0) {
                throw V2Exception.badRequest("input '" + name + "' has a negative dimension in its shape "
                        + java.util.Arrays.toString(shape));
            }
            count = d == 0 ? 0 : count <= Integer.MAX_VALUE / d ? count * d : Long.MAX_VALUE;
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw V2Exception.badRequest("input '" + name + "' declares " + java.util.Arrays.toString(shape)
                    + ", more elements than a request can hold");
        }
        return (int) count;
    }
}
