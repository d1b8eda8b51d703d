package org.cnnserve.web.v2;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cnnserve.classify.InferenceInput;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads a V2 inference request: a JSON body, or (binary tensor data extension) a JSON header of
 * {@code Inference-Header-Content-Length} bytes followed by each binary input's bytes, in the order
 * of the inputs that declare {@code parameters.binary_data_size}.
 */
final class InferRequestReader {

    private final ObjectMapper json;

    InferRequestReader(ObjectMapper json) {
        this.json = json;
    }

    /** @param headerLength the {@code Inference-Header-Content-Length}; {@code null} for a JSON-only body */
    InferRequest read(byte[] body, Long headerLength) {
        int jsonLength = body.length;
        if (headerLength != null) {
            if (headerLength < 1 || headerLength > body.length) {
                throw V2Exception.badRequest("Inference-Header-Content-Length is " + headerLength
                        + ", but the body has " + body.length + " bytes");
            }
            jsonLength = headerLength.intValue();
        }
        JsonNode root;
        try {
            root = json.readTree(body, 0, jsonLength);
        } catch (JacksonException e) {
            throw V2Exception.badRequest("the request is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw V2Exception.badRequest("the request must be a JSON object with 'inputs'");
        }
        BinarySection binary = new BinarySection(body, jsonLength, headerLength != null);
        InferenceInput input = input(root.path("inputs"), binary);
        binary.checkAllRead();
        JsonNode parameters = object(root.path("parameters"), "parameters");
        return new InferRequest(id(root.path("id")), timeoutMs(parameters.path("timeout_ms")),
                bool(parameters.path("binary_data_output"), "parameters.binary_data_output", false),
                input, outputs(root.path("outputs")));
    }

    private static InferenceInput input(JsonNode inputs, BinarySection binary) {
        if (!inputs.isArray() || inputs.isEmpty()) {
            throw V2Exception.badRequest("'inputs' must be a non-empty array");
        }
        if (inputs.size() != 1) {
            throw V2Exception.badRequest("the model takes one input, either '" + Tensors.INPUT + "' (FP32) or '"
                    + Tensors.IMAGE + "' (BYTES); the request has " + inputs.size());
        }
        JsonNode input = inputs.get(0);
        String name = text(input.path("name"), "inputs[0].name");
        String datatype = text(input.path("datatype"), "input '" + name + "' datatype");
        long[] shape = shape(input.path("shape"), name);
        JsonNode parameters = object(input.path("parameters"), "input '" + name + "' parameters");
        JsonNode size = parameters.path("binary_data_size");
        byte[] bytes = null;
        if (!size.isMissingNode()) {
            if (!size.isIntegralNumber() || size.asLong() < 0) {
                throw V2Exception.badRequest("input '" + name + "' binary_data_size must be a whole number of bytes, "
                        + "at least 0");
            }
            if (!input.path("data").isMissingNode()) {
                throw V2Exception.badRequest("input '" + name + "' has both 'data' and binary_data_size");
            }
            bytes = binary.next(name, size.asLong());
        } else if (input.path("data").isMissingNode()) {
            throw V2Exception.badRequest("input '" + name + "' has neither 'data' nor binary_data_size");
        }
        if (name.equals(Tensors.INPUT)) {
            expect(datatype, Tensors.FP32, name);
            int count = Tensors.elements(shape, name);
            float[] values = bytes != null ? TensorData.floats(bytes, count, name)
                    : TensorData.floats(input.path("data"), count, name);
            return new InferenceInput.Preprocessed(shape, values);
        }
        if (name.equals(Tensors.IMAGE)) {
            expect(datatype, Tensors.BYTES, name);
            if (shape.length < 1 || shape.length > 2 || (shape.length == 2 && shape[1] != 1)) {
                throw V2Exception.badRequest("input '" + name + "' must have shape [N] (or [N, 1]), was "
                        + java.util.Arrays.toString(shape));
            }
            int count = Tensors.elements(shape, name);
            return new InferenceInput.Encoded(bytes != null ? TensorData.elements(bytes, count, name)
                    : TensorData.base64(input.path("data"), count, name));
        }
        throw V2Exception.badRequest("the model has no input '" + name + "'; it takes '" + Tensors.INPUT
                + "' (FP32 [N, C, H, W], preprocessed) or '" + Tensors.IMAGE + "' (BYTES [N], image files)");
    }

    private static List<InferRequest.RequestedOutput> outputs(JsonNode outputs) {
        if (outputs.isMissingNode()) {
            return List.of();
        }
        if (!outputs.isArray()) {
            throw V2Exception.badRequest("'outputs' must be an array");
        }
        List<InferRequest.RequestedOutput> requested = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < outputs.size(); i++) {
            JsonNode output = outputs.get(i);
            String name = text(output.path("name"), "outputs[" + i + "].name");
            if (!name.equals(Tensors.PROBABILITIES)) {
                throw V2Exception.badRequest("the model has no output '" + name + "'; its output is '"
                        + Tensors.PROBABILITIES + "'");
            }
            if (!names.add(name)) {
                throw V2Exception.badRequest("output '" + name + "' is requested twice");
            }
            JsonNode parameters = object(output.path("parameters"), "output '" + name + "' parameters");
            JsonNode binary = parameters.path("binary_data");
            JsonNode classification = parameters.path("classification");
            int k = 0;
            if (!classification.isMissingNode()) {
                if (!classification.isIntegralNumber() || classification.asLong() < 1
                        || classification.asLong() > Integer.MAX_VALUE) {
                    throw V2Exception.badRequest("output '" + name + "' classification must be a whole number of "
                            + "classes, at least 1");
                }
                k = classification.asInt();
            }
            requested.add(new InferRequest.RequestedOutput(name, binary.isMissingNode() ? null
                    : bool(binary, "output '" + name + "' binary_data", false), k));
        }
        return requested;
    }

    private static void expect(String datatype, String expected, String name) {
        if (!datatype.equals(expected)) {
            throw V2Exception.badRequest("input '" + name + "' must have datatype " + expected + ", was " + datatype);
        }
    }

    private static long[] shape(JsonNode shape, String name) {
        if (!shape.isArray()) {
            throw V2Exception.badRequest("input '" + name + "' needs a 'shape' array");
        }
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            if (!shape.get(i).isIntegralNumber()) {
                throw V2Exception.badRequest("input '" + name + "' shape must hold whole numbers, was " + shape);
            }
            dims[i] = shape.get(i).asLong();
        }
        return dims;
    }

    private static String id(JsonNode id) {
        if (id.isMissingNode()) {
            return null;
        }
        if (!id.isString()) {
            throw V2Exception.badRequest("'id' must be a string");
        }
        return id.asString();
    }

    private static Long timeoutMs(JsonNode timeout) {
        if (timeout.isMissingNode()) {
            return null;
        }
        if (!timeout.isIntegralNumber() || timeout.asLong() < 1) {
            throw V2Exception.badRequest("parameters.timeout_ms must be a whole number of milliseconds, at least 1, "
                    + "was " + timeout);
        }
        return timeout.asLong();
    }

    private static JsonNode object(JsonNode node, String what) {
        if (!node.isMissingNode() && !node.isObject()) {
            throw V2Exception.badRequest(what + " must be an object");
        }
        return node;
    }

    private static String text(JsonNode node, String what) {
        if (!node.isString()) {
            throw V2Exception.badRequest(what + " must be a string");
        }
        return node.asString();
    }

    private static boolean bool(JsonNode node, String what, boolean absent) {
        if (node.isMissingNode()) {
            return absent;
        }
        if (!node.isBoolean()) {
            throw V2Exception.badRequest(what + " must be true or false");
        }
        return node.asBoolean();
    }

    /** The bytes after the JSON header, handed out input by input. */
    private static final class BinarySection {
        private final byte[] body;
        private final boolean declared;
        private int offset;

        BinarySection(byte[] body, int start, boolean declared) {
            this.body = body;
            this.offset = start;
            this.declared = declared;
        }

        byte[] next(String name, long size) {
            if (!declared) {
                throw V2Exception.badRequest("input '" + name + "' has binary_data_size, but the request has no "
                        + "Inference-Header-Content-Length header");
            }
            if (size > body.length - offset) {
                throw V2Exception.badRequest("input '" + name + "' declares binary_data_size " + size + ", but only "
                        + (body.length - offset) + " bytes follow the JSON header");
            }
            byte[] bytes = java.util.Arrays.copyOfRange(body, offset, offset + (int) size);
            offset += (int) size;
            return bytes;
        }

        void checkAllRead() {
            if (offset != body.length) {
                throw V2Exception.badRequest((body.length - offset) + " bytes follow the JSON header that no input's "
                        + "binary_data_size accounts for");
            }
        }
    }
}
