package org.cnnserve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A data set folder for tests, in a temporary directory: the committed Fashion-MNIST test split,
 * ImageFolder sets made of its images (one matching the model's labels by name, one whose class no
 * model has), one with an empty image file and one with a file that is not an image.
 */
public final class TestDatasets {

    public static final int IMAGES_PER_CLASS = 5;
    private static final int SANDAL = 5;
    private static final int ANKLE_BOOT = 9;

    private TestDatasets() {
    }

    public static Path create() {
        try {
            Path root = Files.createTempDirectory("cnnserve-datasets");
            Path fashion = Files.createDirectories(root.resolve("fashion-mnist"));
            for (String file : new String[] {"t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "labels.txt"}) {
                Files.copy(Path.of("datasets", "fashion-mnist", file), fashion.resolve(file));
            }
            writeClass(root.resolve("shoes").resolve("Sandal"), SANDAL);
            writeClass(root.resolve("shoes").resolve("ankle_boot"), ANKLE_BOOT);
            writeClass(root.resolve("pets").resolve("cat"), SANDAL);
            Files.write(Files.createDirectories(root.resolve("empty-files").resolve("Bag")).resolve("0.png"), new byte[0]);
            writeClass(root.resolve("corrupt").resolve("Bag"), 8);
            Files.writeString(root.resolve("corrupt").resolve("Bag").resolve("not-an-image.png"), "plain text");
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@link #IMAGES_PER_CLASS} test images of class {@code label}, as PNG files. */
    private static void writeClass(Path folder, int label) throws IOException {
        Files.createDirectories(folder);
        var test = FashionImages.testSplit();
        int written = 0;
        for (int i = 0; i < test.count() && written < IMAGES_PER_CLASS; i++) {
            if (test.label(i) == label) {
                Files.write(folder.resolve(i + ".png"), FashionImages.png(i));
                written++;
            }
        }
    }
}
