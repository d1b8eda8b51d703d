package org.cnnserve.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The validation split held out of a training set, on the committed Fashion-MNIST test images. */
class ValidationSplitTests {

    private static LabelledImages images;

    @BeforeAll
    static void read() {
        images = IdxDataset.read(Path.of("datasets", "fashion-mnist"), "t10k");
    }

    @Test
    void theHeldOutImagesAreNotTrainedOnAndNoImageIsLost() {
        ValidationSplit split = ValidationSplit.of(images, 1000, 42);

        int[] held = split.validationIndices();
        int[] kept = split.trainIndices();
        assertThat(held).hasSize(1000);
        assertThat(kept).hasSize(9000);
        assertThat(IntStream.of(held).filter(i -> Arrays.binarySearch(kept, i) >= 0)).isEmpty();
        assertThat(IntStream.concat(IntStream.of(held), IntStream.of(kept)).sorted().toArray())
                .isEqualTo(IntStream.range(0, 10_000).toArray());
        assertThat(split.validation().size()).isEqualTo(1000);
        assertThat(split.train().size()).isEqualTo(9000);
    }

    @Test
    void eachPartServesTheImagesAndLabelsAtItsIndices() {
        ValidationSplit split = ValidationSplit.of(images, 1000, 42);

        assertSameImages(split.validation(), split.validationIndices());
        assertSameImages(split.train(), split.trainIndices());
        assertThat(split.train().classNames()).isEqualTo(images.classNames());
    }

    @Test
    void theSameSeedHoldsOutTheSameImagesAndAnotherSeedOthers() {
        int[] first = ValidationSplit.of(images, 500, 42).validationIndices();

        assertThat(ValidationSplit.of(images, 500, 42).validationIndices()).isEqualTo(first);
        int[] other = ValidationSplit.of(images, 500, 43).validationIndices();
        assertThat(IntStream.of(other).filter(i -> Arrays.binarySearch(first, i) >= 0).count())
                .as("images both seeds hold out; about 25 by chance").isLessThan(100);
    }

    @Test
    void theHeldOutImagesAreDrawnFromTheWholeSetNotItsStart() {
        int[] held = ValidationSplit.of(images, 1000, 42).validationIndices();

        assertThat(held[0]).isLessThan(100);
        assertThat(held[held.length - 1]).isGreaterThan(9900);
        int[] perClass = new int[10];
        for (int i = 0; i < held.length; i++) {
            perClass[images.label(held[i])]++;
        }
        assertThat(IntStream.of(perClass)).as("held-out images per class, 100 expected")
                .allSatisfy(n -> assertThat(n).isBetween(60, 140));
    }

    @Test
    void aSplitThatLeavesNothingToTrainOnIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ValidationSplit.of(images, 10_000, 42))
                .withMessageContaining("the training split has 10000");
        assertThatIllegalArgumentException().isThrownBy(() -> ValidationSplit.of(images, -1, 42));
    }

    private static void assertSameImages(LabelledImages part, int[] indices) {
        for (int i = 0; i < part.size(); i += 97) {
            assertThat(part.label(i)).isEqualTo(images.label(indices[i]));
            assertThat(part.image(i).pixels()).isEqualTo(images.image(indices[i]).pixels());
        }
    }
}
