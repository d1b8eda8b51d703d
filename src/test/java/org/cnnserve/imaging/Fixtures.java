package org.cnnserve.imaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;

/** Loads the files under src/test/resources/images (see make-fixtures.sh there). */
final class Fixtures {

    /** A raw PGM (P5), PPM (P6) or PAM (P7) source image, samples interleaved as stored. */
    record Pnm(int width, int height, int channels, int maxValue, int[] samples) {

        int sample(int x, int y, int channel) {
            return samples[(y * width + x) * channels + channel];
        }

        /** The exact float the decoder must produce for each sample: v / maxValue. */
        float expected(int index) {
            return samples[index] / (float) maxValue;
        }
    }

    private Fixtures() {
    }

    /** Appends one PNG chunk (length, type, body, CRC-32 of type and body) to {@code out}. */
    static void pngChunk(ByteArrayOutputStream out, String type, byte[] body) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(body);
        out.writeBytes(ByteBuffer.allocate(4).putInt(body.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(body);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/images/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Pnm pnm(String name) {
        byte[] data = bytes(name);
        String magic = new String(data, 0, 2, StandardCharsets.US_ASCII);
        int[] at = {3};
        Map<String, String> header = new HashMap<>();
        if (magic.equals("P7")) {
            String line;
            while (!(line = line(data, at)).equals("ENDHDR")) {
                String[] parts = line.split(" ", 2);
                header.put(parts[0], parts[1]);
            }
        } else {
            String[] size = line(data, at).split(" ");
            header.put("WIDTH", size[0]);
            header.put("HEIGHT", size[1]);
            header.put("MAXVAL", line(data, at));
            header.put("DEPTH", magic.equals("P5") ? "1" : "3");
        }
        int width = Integer.parseInt(header.get("WIDTH"));
        int height = Integer.parseInt(header.get("HEIGHT"));
        int channels = Integer.parseInt(header.get("DEPTH"));
        int maxValue = Integer.parseInt(header.get("MAXVAL"));
        int bytesPerSample = maxValue > 255 ? 2 : 1;
        int[] samples = new int[width * height * channels];
        for (int i = 0; i < samples.length; i++) {
            int p = at[0] + i * bytesPerSample;
            samples[i] = bytesPerSample == 1 ? data[p] & 0xFF
                    : (data[p] & 0xFF) << 8 | (data[p + 1] & 0xFF);
        }
        return new Pnm(width, height, channels, maxValue, samples);
    }

    private static String line(byte[] data, int[] at) {
        int start = at[0];
        while (data[at[0]] != '\n') {
            at[0]++;
        }
        return new String(data, start, at[0]++ - start, StandardCharsets.US_ASCII);
    }
}
