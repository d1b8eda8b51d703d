package org.cnnserve;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;

/**
 * The committed Fashion-MNIST test split as a client outside the service sees it, sharing no code
 * with the service's data set readers, decoders or preprocessing: its own IDX reader over the
 * gzipped files and its own PNG encoder (8-bit greyscale, one IDAT, no filtering), so that an
 * accuracy measured through the classify API cannot agree with the trainer's because both read the
 * data the same wrong way.
 */
final class IndependentFashionClient {

    private static final Path FOLDER = Path.of("datasets", "fashion-mnist");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** The label of each test image, as a class name from the data set's labels.txt. */
    final List<String> labels;
    /** Each test image as the PNG file a client would upload. */
    final List<byte[]> pngs;

    private IndependentFashionClient(List<String> labels, List<byte[]> pngs) {
        this.labels = labels;
        this.pngs = pngs;
    }

    static IndependentFashionClient testSplit() throws IOException {
        List<String> names = Files.readAllLines(FOLDER.resolve("labels.txt"), StandardCharsets.UTF_8);
        byte[] labelBytes;
        try (DataInputStream in = open("t10k-labels-idx1-ubyte.gz")) {
            expect(in.readInt(), 0x00000801, "label file magic");
            labelBytes = new byte[in.readInt()];
            in.readFully(labelBytes);
        }
        byte[][] images;
        int rows;
        int cols;
        try (DataInputStream in = open("t10k-images-idx3-ubyte.gz")) {
            expect(in.readInt(), 0x00000803, "image file magic");
            images = new byte[in.readInt()][];
            rows = in.readInt();
            cols = in.readInt();
            for (int i = 0; i < images.length; i++) {
                images[i] = new byte[rows * cols];
                in.readFully(images[i]);
            }
        }
        expect(images.length, labelBytes.length, "images and labels");
        String[] labels = new String[images.length];
        byte[][] pngs = new byte[images.length][];
        for (int i = 0; i < images.length; i++) {
            labels[i] = names.get(labelBytes[i] & 0xff);
            pngs[i] = greyPng(cols, rows, images[i]);
        }
        return new IndependentFashionClient(List.of(labels), List.of(pngs));
    }

    int count() {
        return labels.size();
    }

    /** An 8-bit greyscale PNG of {@code pixels}, rows top to bottom, each with filter type 0 (None). */
    static byte[] greyPng(int width, int height, byte[] pixels) {
        byte[] raw = new byte[height * (width + 1)];
        for (int y = 0; y < height; y++) {
            System.arraycopy(pixels, y * width, raw, y * (width + 1) + 1, width);
        }
        Deflater deflater = new Deflater();
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            zlib.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(PNG_SIGNATURE);
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(png, "IDAT", zlib.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] body) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(body);
        out.writeBytes(ByteBuffer.allocate(8).putInt(body.length).put(name).array());
        out.writeBytes(body);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static DataInputStream open(String file) throws IOException {
        InputStream in = Files.newInputStream(FOLDER.resolve(file));
        return new DataInputStream(new BufferedInputStream(new GZIPInputStream(in)));
    }

    private static void expect(int actual, int expected, String what) throws IOException {
        if (actual != expected) {
            throw new IOException(what + ": expected " + expected + ", was " + actual);
        }
    }
}
