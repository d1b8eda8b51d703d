package org.cnnserve.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.cnnserve.FashionImages;
import org.cnnserve.datasets.DatasetException.Kind;
import org.cnnserve.imaging.DecodedImage;
import org.cnnserve.imaging.ImageDecoder;
import org.cnnserve.imaging.ImageLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DatasetCatalogTests {

    private static final Path FASHION = Path.of("datasets", "fashion-mnist");
    private static final String IMAGES = "t10k-images-idx3-ubyte.gz";
    private static final String LABELS = "t10k-labels-idx1-ubyte.gz";

    @TempDir
    Path root;

    private DatasetCatalog catalog() {
        return new DatasetCatalog(root, new ImageDecoder(new ImageLimits(10_000_000, 10_000_000)));
    }

    private Path folder(String path) throws IOException {
        return Files.createDirectories(root.resolve(path));
    }

    private Path idxFolder(String name, String... files) throws IOException {
        Path folder = folder(name);
        for (String file : files) {
            Files.copy(FASHION.resolve(file), folder.resolve(file));
        }
        return folder;
    }

    /** Fashion-MNIST test image {@code i} as the data sets should decode it: grey in [0, 1]. */
    private static void assertIsTestImage(DecodedImage image, int i) {
        IdxImages test = FashionImages.testSplit();
        float[] expected = new float[test.rows() * test.cols()];
        for (int p = 0; p < expected.length; p++) {
            expected[p] = test.pixel(i, p) / 255f;
        }
        assertThat(image).extracting(DecodedImage::width, DecodedImage::height, DecodedImage::channels)
                .containsExactly(test.cols(), test.rows(), 1);
        assertThat(image.pixels()).containsExactly(expected);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertFails(ThrowingCallable call, Kind kind) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(DatasetException.class,
                e -> assertThat(e.kind()).isEqualTo(kind));
    }

    @Test
    void anIdxFolderOpensWithItsLabelsTxtNamesAndGreyPixels() throws IOException {
        idxFolder("fashion", IMAGES, LABELS, "labels.txt");

        LabelledImages data = catalog().open("fashion");

        assertThat(data.description()).contains("fashion", "t10k");
        assertThat(data.size()).isEqualTo(10_000);
        assertThat(data.classNames()).hasSize(10).startsWith("T-shirt/top").endsWith("Ankle boot");
        assertThat(data.label(9_999)).isEqualTo(FashionImages.testSplit().label(9_999));
        assertIsTestImage(data.image(0), 0);
        assertIsTestImage(data.image(9_999), 9_999);
    }

    @Test
    void anIdxFolderWithoutLabelsTxtHasNoClassNames() throws IOException {
        idxFolder("fashion", IMAGES, LABELS);

        assertThat(catalog().open("fashion").classNames()).isEmpty();
    }

    @Test
    void anIdxFolderWithATrainSplitReadsT10k() throws IOException {
        Path folder = idxFolder("fashion", IMAGES, LABELS);
        Files.writeString(folder.resolve("train-images-idx3-ubyte.gz"), "never read");
        Files.writeString(folder.resolve("train-labels-idx1-ubyte.gz"), "never read");

        LabelledImages data = catalog().open("fashion");

        assertThat(data.description()).contains("t10k");
        assertThat(data.size()).isEqualTo(10_000);
    }

    @Test
    void anIdxFolderWithTwoOtherSplitsIsUnreadableNamingThem() throws IOException {
        Path folder = folder("mixed");
        Files.writeString(folder.resolve("a-images-idx3-ubyte"), "");
        Files.writeString(folder.resolve("b-images-idx3-ubyte.gz"), "");

        assertFails(() -> catalog().open("mixed"), Kind.UNREADABLE).hasMessageContaining("[a, b]");
    }

    @Test
    void anImageFolderListsClassesAndImagesInNameOrderIgnoringOtherFiles() throws IOException {
        Files.write(folder("shoes/sandal").resolve("12.png"), FashionImages.png(12));
        Files.write(folder("shoes/sandal").resolve("0.png"), FashionImages.png(0));
        Files.write(folder("shoes/bag").resolve("3.png"), FashionImages.png(3));
        Files.writeString(root.resolve("shoes/README.txt"), "classes are the folders");
        Files.writeString(root.resolve("shoes/bag/README.txt"), "not an image");

        LabelledImages data = catalog().open("shoes");

        assertThat(data.classNames()).containsExactly("bag", "sandal");
        assertThat(data.size()).isEqualTo(3);
        assertThat(List.of(data.label(0), data.label(1), data.label(2))).containsExactly(0, 1, 1);
        assertIsTestImage(data.image(0), 3);
        assertIsTestImage(data.image(1), 0);
        assertIsTestImage(data.image(2), 12);
    }

    @Test
    void anUnknownNameIsUnknownListingTheKnownOnes() throws IOException {
        folder("fashion");
        folder("shoes");

        assertFails(() -> catalog().open("cats"), Kind.UNKNOWN)
                .hasMessageContaining("'cats'").hasMessageContaining("[fashion, shoes]");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"..", ".", "a/b", "a/..", "/tmp"})
    void aNameThatIsNoFolderNameIsUnknownEvenWhereThatPathExists(String name) throws IOException {
        folder("a/b");

        assertFails(() -> catalog().open(name), Kind.UNKNOWN).hasMessageContaining("folder name");
    }

    @Test
    void anEmptyImageFileIsUnreadableNamingIt() throws IOException {
        Files.write(folder("bags/Bag").resolve("1.png"), FashionImages.png(1));
        Files.write(folder("bags/Bag").resolve("0.png"), new byte[0]);

        assertFails(() -> catalog().open("bags"), Kind.UNREADABLE)
                .hasMessageContaining(Path.of("Bag", "0.png").toString())
                .hasMessageNotContaining("1.png");
    }

    @ParameterizedTest
    @ValueSource(strings = {"docs", "nothing"})
    void aFolderWithoutImagesIsUnreadable(String name) throws IOException {
        Files.writeString(folder("docs/Bag").resolve("notes.txt"), "no images here");
        folder("nothing");

        assertFails(() -> catalog().open(name), Kind.UNREADABLE).hasMessageContaining("has no images");
    }

    @Test
    void aFileThatIsNoImageOpensButFailsWhenRead() throws IOException {
        Path notAnImage = Files.writeString(folder("corrupt/Bag").resolve("a.png"), "plain text");
        Files.write(root.resolve("corrupt/Bag/b.png"), FashionImages.png(0));

        LabelledImages data = catalog().open("corrupt");

        assertThat(data.size()).isEqualTo(2);
        assertIsTestImage(data.image(1), 0);
        assertFails(() -> data.image(0), Kind.UNREADABLE)
                .hasMessageContaining(notAnImage.toString());
    }

    @Test
    void namesListsTheDataSetFoldersSorted() throws IOException {
        folder("shoes");
        folder("fashion-mnist");
        folder("Bags");
        folder(".hidden");
        Files.writeString(root.resolve("notes.txt"), "not a data set");

        assertThat(catalog().names()).containsExactly("Bags", "fashion-mnist", "shoes");
        assertThat(new DatasetCatalog(root.resolve("absent"), null).names()).isEmpty();
    }
}
