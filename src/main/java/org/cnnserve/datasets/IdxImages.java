package org.cnnserve.datasets;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Grey images and their labels in the IDX format of MNIST and Fashion-MNIST: one file of
 * {@code count x rows x cols} unsigned bytes (magic 2051) and one of {@code count} labels (magic 2049).
 *
 * @param pixels row-major pixels of image {@code i} at {@code [i * rows * cols, (i + 1) * rows * cols)}
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels, byte[] labels) {

    private static final int IMAGES_MAGIC = 2051;
    private static final int LABELS_MAGIC = 2049;

    public IdxImages {
        if (pixels.length != (long) count * rows * cols || labels.length != count) {
            throw new IllegalArgumentException("IDX data must hold count*rows*cols pixels and count labels");
        }
    }

    /**
     * Reads {@code <split>-images-idx3-ubyte[.gz]} and {@code <split>-labels-idx1-ubyte[.gz]} from a
     * directory, e.g. split {@code t10k} or {@code train}.
     */
    public static IdxImages read(Path directory, String split) throws IOException {
        Path images = existing(directory, split + "-images-idx3-ubyte");
        Path labels = existing(directory, split + "-labels-idx1-ubyte");
        try (DataInputStream in = open(images)) {
            expectMagic(in, IMAGES_MAGIC, images);
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            byte[] pixels = new byte[Math.multiplyExact(count, Math.multiplyExact(rows, cols))];
            in.readFully(pixels);
            byte[] labelBytes = readLabels(labels, count);
            return new IdxImages(count, rows, cols, pixels, labelBytes);
        }
    }

    /** Label of image {@code i}, 0-based class index. */
    public int label(int i) {
        return labels[i] & 0xff;
    }

    /** Pixel {@code p} (row-major) of image {@code i}, 0..255. */
    public int pixel(int i, int p) {
        return pixels[i * rows * cols + p] & 0xff;
    }

    private static byte[] readLabels(Path file, int expectedCount) throws IOException {
        try (DataInputStream in = open(file)) {
            expectMagic(in, LABELS_MAGIC, file);
            int count = in.readInt();
            if (count != expectedCount) {
                throw new IOException(file + " holds " + count + " labels but the images file holds " + expectedCount);
            }
            byte[] labels = new byte[count];
            in.readFully(labels);
            return labels;
        }
    }

    private static Path existing(Path directory, String base) throws IOException {
        for (Path candidate : new Path[] {directory.resolve(base + ".gz"), directory.resolve(base)}) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new NoSuchFileException(directory.resolve(base) + "[.gz]", null, "no IDX file found");
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return new DataInputStream(file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw);
    }

    private static void expectMagic(DataInputStream in, int magic, Path file) throws IOException {
        int actual = in.readInt();
        if (actual != magic) {
            throw new IOException(file + " is not an IDX file of the expected kind: magic " + actual + ", expected " + magic);
        }
    }
}
