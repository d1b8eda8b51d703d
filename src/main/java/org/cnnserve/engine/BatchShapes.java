package org.cnnserve.engine;

import java.util.Arrays;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.serving.BatchModel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The checks every {@link BatchModel} makes, whatever runs the network: each input has the model's
 * size on the way in, and the network gives one row of the configured classes per input on the way
 * out (a model config that disagrees with its weights fails here, by name, not as a wrong answer).
 */
final class BatchShapes {

    private BatchShapes() {
    }

    /** The values per input; throws when any input has another count. */
    static int checkInputs(float[][] inputs, InputShape input) {
        int size = Math.toIntExact(input.elements());
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].length != size) {
                throw new IllegalArgumentException("input " + i + " has " + inputs[i].length
                        + " values, the model takes " + size + " (" + input + ")");
            }
        }
        return size;
    }

    /** Throws unless {@code out} is {@code inputs} rows of {@code classes} values. */
    static void checkOutput(INDArray out, int inputs, int classes) {
        if (out.rank() != 2 || out.size(0) != inputs || out.size(1) != classes) {
            throw new IllegalStateException("the network outputs shape " + Arrays.toString(out.shape()) + " for "
                    + inputs + " inputs, but the model config has " + classes + " classes");
        }
    }
}
