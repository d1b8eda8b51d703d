package org.cnnserve.web.v2;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Tensor elements in and out of the protocol's two encodings: JSON {@code data} (row-major, flat or
 * nested) and binary (little-endian, no padding; a BYTES element is a 4-byte length, then its bytes).
 */
final class TensorData {

    private TensorData() {
    }

    static float[] floats(byte[] bytes, int count, String name) {
        if (bytes.length != (long) count * Float.BYTES) {
            throw V2Exception.badRequest("input '" + name + "' has binary_data_size " + bytes.length + ", but " + count
                    + " FP32 values take " + (long) count * Float.BYTES + " bytes");
        }
        float[] values = new float[count];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    static float[] floats(JsonNode data, int count, String name) {
        float[] values = new float[count];
        int n = flatten(data, values, 0, name);
        if (n != count) {
            throw V2Exception.badRequest("input '" + name + "' has " + n + " values in 'data', but its shape holds "
                    + count);
        }
        return values;
    }

    /** Writes the numbers of a (possibly nested) array from {@code at}; returns how many there were. */
    private static int flatten(JsonNode data, float[] into, int at, String name) {
        if (!data.isArray()) {
            throw V2Exception.badRequest("input '" + name + "' data must be an array of numbers");
        }
        int n = at;
        for (int i = 0; i < data.size(); i++) {
            JsonNode element = data.get(i);
            if (element.isArray()) {
                n = flatten(element, into, n, name);
            } else if (element.isNumber()) {
                if (n < into.length) {
                    into[n] = element.floatValue();
                }
                n++;
            } else {
                throw V2Exception.badRequest("input '" + name + "' data must hold numbers, found " + element);
            }
        }
        return n;
    }

    static List<byte[]> elements(byte[] bytes, int count, String name) {
        List<byte[]> elements = new ArrayList<>(count);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (buffer.remaining() < Integer.BYTES) {
                throw V2Exception.badRequest("input '" + name + "' binary data ends inside an element's 4-byte length");
            }
            long length = Integer.toUnsignedLong(buffer.getInt());
            if (length > buffer.remaining()) {
                throw V2Exception.badRequest("input '" + name + "' element " + elements.size() + " declares " + length
                        + " bytes, but only " + buffer.remaining() + " remain");
            }
            byte[] element = new byte[(int) length];
            buffer.get(element);
            elements.add(element);
        }
        if (elements.size() != count) {
            throw V2Exception.badRequest("input '" + name + "' binary data holds " + elements.size()
                    + " elements, but its shape holds " + count);
        }
        return elements;
    }

    static List<byte[]> base64(JsonNode data, int count, String name) {
        if (!data.isArray()) {
            throw V2Exception.badRequest("input '" + name + "' data must be an array of base64 strings");
        }
        List<byte[]> elements = new ArrayList<>();
        collect(data, elements, name);
        if (elements.size() != count) {
            throw V2Exception.badRequest("input '" + name + "' has " + elements.size()
                    + " elements in 'data', but its shape holds " + count);
        }
        return elements;
    }

    private static void collect(JsonNode data, List<byte[]> into, String name) {
        for (int i = 0; i < data.size(); i++) {
            JsonNode element = data.get(i);
            if (element.isArray()) {
                collect(element, into, name);
            } else if (element.isString()) {
                try {
                    into.add(Base64.getMimeDecoder().decode(element.asString()));
                } catch (IllegalArgumentException e) {
                    throw V2Exception.badRequest("input '" + name + "' element " + into.size()
                            + " is not base64: " + e.getMessage());
                }
            } else {
                throw V2Exception.badRequest("input '" + name + "' data must hold base64 strings (the image files)");
            }
        }
    }

    /** Little-endian FP32, row after row. */
    static byte[] binary(float[][] rows) {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        ByteBuffer buffer = ByteBuffer.allocate(rows.length * columns * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : rows) {
            for (float v : row) {
                buffer.putFloat(v);
            }
        }
        return buffer.array();
    }

    /** BYTES elements, each as its 4-byte little-endian length then its UTF-8 bytes. */
    static byte[] binary(List<String> strings) {
        List<byte[]> encoded = strings.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        ByteBuffer buffer = ByteBuffer.allocate(encoded.stream().mapToInt(b -> Integer.BYTES + b.length).sum())
                .order(ByteOrder.LITTLE_ENDIAN);
        for (byte[] b : encoded) {
            buffer.putInt(b.length).put(b);
        }
        return buffer.array();
    }
}
