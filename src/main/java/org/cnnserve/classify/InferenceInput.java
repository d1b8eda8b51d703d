package org.cnnserve.classify;

import java.util.Arrays;
import java.util.List;

/** What an inference request hands the model: tensors it already preprocessed, or image files to decode. */
public sealed interface InferenceInput {

    /** Images in the request. */
    int count();

    /**
     * Preprocessed values, row-major, in the shape {@code [N, C, H, W]} that the model's input must match.
     *
     * @param shape  the tensor's shape as the client declared it
     * @param values its values; as many as the shape's elements
     */
    record Preprocessed(long[] shape, float[] values) implements InferenceInput {

        public Preprocessed {
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        @Override
        public int count() {
            return shape.length == 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.max(0, shape[0]));
        }

        @Override
        public String toString() {
            return "Preprocessed" + Arrays.toString(shape);
        }
    }

    /** Encoded image files (JPEG, PNG, ...), each decoded and preprocessed as {@code /v1} does. */
    record Encoded(List<byte[]> images) implements InferenceInput {

        public Encoded {
            images = List.copyOf(images);
        }

        @Override
        public int count() {
            return images.size();
        }
    }
}
