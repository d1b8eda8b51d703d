package org.cnnserve.training;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnserve.FashionImages;
import org.cnnserve.datasets.IdxImages;

/** A Fashion-MNIST-shaped IDX data set of real test images, small enough to train on in a test. */
final class TinyIdx {

    private TinyIdx() {
    }

    /** Writes {@code train-*} and {@code t10k-*} IDX files of the first {@code count} test images, and labels.txt. */
    static Path write(Path directory, int count) throws IOException {
        return write(directory, count, 0, count);
    }

    /**
     * Writes the first {@code trainCount} test images as the training split and {@code testCount} from
     * {@code testFrom} on as the test split, and labels.txt.
     */
    static Path write(Path directory, int trainCount, int testFrom, int testCount) throws IOException {
        Files.createDirectories(directory);
        writeSplit(directory, "train", 0, trainCount);
        writeSplit(directory, "t10k", testFrom, testCount);
        Files.copy(Path.of("datasets", "fashion-mnist", "labels.txt"), directory.resolve("labels.txt"));
        return directory;
    }

    private static void writeSplit(Path directory, String split, int from, int count) throws IOException {
        IdxImages source = FashionImages.testSplit();
        int size = source.rows() * source.cols();
        try (DataOutputStream out = new DataOutputStream(open(directory.resolve(split + "-images-idx3-ubyte")))) {
            out.writeInt(2051);
            out.writeInt(count);
            out.writeInt(source.rows());
            out.writeInt(source.cols());
            out.write(source.pixels(), from * size, count * size);
        }
        try (DataOutputStream out = new DataOutputStream(open(directory.resolve(split + "-labels-idx1-ubyte")))) {
            out.writeInt(2049);
            out.writeInt(count);
            out.write(source.labels(), from, count);
        }
    }

    private static OutputStream open(Path file) throws IOException {
        return Files.newOutputStream(file);
    }
}
