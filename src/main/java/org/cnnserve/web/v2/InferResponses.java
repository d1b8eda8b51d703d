package org.cnnserve.web.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cnnserve.classify.Probabilities;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes the answer to an inference request: the probabilities as FP32 {@code [N, classes]}, or with
 * {@code classification: k} as BYTES {@code [N, k]} strings {@code "probability:index:label"}; in
 * JSON, or with any binary output as the JSON header followed by the binary outputs in order.
 */
final class InferResponses {

    /** Names the JSON header's length in a binary answer (and request). */
    static final String HEADER_LENGTH = "Inference-Header-Content-Length";

    private final ObjectMapper json;

    InferResponses(ObjectMapper json) {
        this.json = json;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Response(String modelName, String modelVersion, String id, List<Output> outputs) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Output(String name, String datatype, long[] shape, Map<String, Object> parameters, Object data) {
    }

    ResponseEntity<byte[]> answer(InferRequest request, Probabilities probabilities) {
        List<Output> outputs = new ArrayList<>();
        ByteArrayOutputStream binary = new ByteArrayOutputStream();
        boolean anyBinary = false;
        for (InferRequest.RequestedOutput requested : request.answered()) {
            anyBinary |= request.binary(requested);
            outputs.add(output(requested, request.binary(requested), probabilities, binary));
        }
        byte[] header = json.writeValueAsBytes(new Response(probabilities.model(),
                Integer.toString(probabilities.version()), request.id(), outputs));
        if (!anyBinary) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(header);
        }
        byte[] body = Arrays.copyOf(header, header.length + binary.size());
        System.arraycopy(binary.toByteArray(), 0, body, header.length, binary.size());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HEADER_LENGTH, Integer.toString(header.length))
                .header(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length)).body(body);
    }

    private static Output output(InferRequest.RequestedOutput requested, boolean binary, Probabilities p,
                                 ByteArrayOutputStream into) {
        float[][] rows = p.rows();
        if (requested.classification() > 0) {
            int k = requested.classification();
            List<String> top = classifications(rows, p.labels(), k);
            long[] shape = {rows.length, k};
            if (binary) {
                byte[] bytes = TensorData.binary(top);
                into.writeBytes(bytes);
                return new Output(requested.name(), Tensors.BYTES, shape, Map.of("binary_data_size", bytes.length),
                        null);
            }
            return new Output(requested.name(), Tensors.BYTES, shape, null, top);
        }
        long[] shape = {rows.length, p.labels().size()};
        if (binary) {
            byte[] bytes = TensorData.binary(rows);
            into.writeBytes(bytes);
            return new Output(requested.name(), Tensors.FP32, shape, Map.of("binary_data_size", bytes.length), null);
        }
        float[] flat = new float[rows.length * p.labels().size()];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * rows[i].length, rows[i].length);
        }
        return new Output(requested.name(), Tensors.FP32, shape, null, flat);
    }

    /** Each image's k most probable classes, highest first (ties: the lower index first), row after row. */
    static List<String> classifications(float[][] rows, List<String> labels, int k) {
        List<String> strings = new ArrayList<>(rows.length * k);
        for (float[] row : rows) {
            Integer[] order = new Integer[row.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Float.compare(row[b], row[a]));
            for (int i = 0; i < k; i++) {
                int c = order[i];
                strings.add(row[c] + ":" + c + ":" + labels.get(c));
            }
        }
        return strings;
    }
}
