package org.cnnserve.web.v2;

import java.util.List;
import org.cnnserve.classify.InferenceInput;

/**
 * A parsed V2 inference request.
 *
 * @param id               the request's {@code id}, echoed in the answer; {@code null} when absent
 * @param timeoutMs        the request's own deadline ({@code parameters.timeout_ms}); {@code null} when absent
 * @param binaryDataOutput {@code parameters.binary_data_output}: every output in binary unless it says otherwise
 * @param input            the one input, as the model is handed it
 * @param outputs          the outputs asked for; empty for all of them
 */
record InferRequest(String id, Long timeoutMs, boolean binaryDataOutput, InferenceInput input,
                    List<RequestedOutput> outputs) {

    /**
     * @param binary         {@code parameters.binary_data}; {@code null} when the output does not say
     * @param classification {@code parameters.classification}: the top k as strings; 0 for the raw tensor
     */
    record RequestedOutput(String name, Boolean binary, int classification) {
    }

    /** The outputs to answer: those asked for, or the probabilities when none are. */
    List<RequestedOutput> answered() {
        return outputs.isEmpty() ? List.of(new RequestedOutput(Tensors.PROBABILITIES, null, 0)) : outputs;
    }

    boolean binary(RequestedOutput output) {
        return output.binary() != null ? output.binary() : binaryDataOutput;
    }
}
