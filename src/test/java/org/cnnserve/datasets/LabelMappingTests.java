package org.cnnserve.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cnnserve.imaging.DecodedImage;
import org.junit.jupiter.api.Test;

class LabelMappingTests {

    private static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Labels only: the mapping never looks at pixels. */
    private record Labels(List<String> classNames, int... labels) implements LabelledImages {

        @Override
        public String description() {
            return "test data";
        }

        @Override
        public int size() {
            return labels.length;
        }

        @Override
        public int label(int i) {
            return labels[i];
        }

        @Override
        public DecodedImage image(int i) {
            throw new UnsupportedOperationException("no pixels in this test");
        }
    }

    @Test
    void namesMatchIgnoringCaseSpacesAndSeparators() {
        var data = new Labels(List.of("ankle_boot", "t-shirt_top", " SANDAL ", "sneaker"), 0, 1, 2, 3);

        assertThat(LabelMapping.of(data, FASHION)).containsExactly(9, 0, 5, 7);
    }

    @Test
    void aClassTheModelLacksIsALabelMismatchNamingIt() {
        var data = new Labels(List.of("Sandal", "cat"), 0, 1);

        assertThatThrownBy(() -> LabelMapping.of(data, FASHION))
                .isInstanceOfSatisfying(DatasetException.class,
                        e -> assertThat(e.kind()).isEqualTo(DatasetException.Kind.LABEL_MISMATCH))
                .hasMessageContaining("[cat]")
                .hasMessageNotContaining("[Sandal");
    }

    @Test
    void aLabelBeyondTheDataSetsOwnNamesIsALabelMismatch() {
        var data = new Labels(List.of("Sandal", "Bag"), 0, 1, 2); // an IDX labels.txt one line short

        assertThatThrownBy(() -> LabelMapping.of(data, FASHION))
                .isInstanceOfSatisfying(DatasetException.class,
                        e -> assertThat(e.kind()).isEqualTo(DatasetException.Kind.LABEL_MISMATCH))
                .hasMessageContaining("class index 2")
                .hasMessageContaining("2 class names");
    }

    @Test
    void aDataSetWithoutNamesMapsByIndex() {
        var data = new Labels(List.of(), 3, 0, 9, 3);

        assertThat(LabelMapping.of(data, FASHION)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void anIndexBeyondTheModelsClassesIsALabelMismatch() {
        var data = new Labels(List.of(), 0, 10, 2);

        assertThatThrownBy(() -> LabelMapping.of(data, FASHION))
                .isInstanceOfSatisfying(DatasetException.class,
                        e -> assertThat(e.kind()).isEqualTo(DatasetException.Kind.LABEL_MISMATCH))
                .hasMessageContaining("class index 10")
                .hasMessageContaining("10 classes");
    }

    @Test
    void theHighestIndexTheModelHasIsAccepted() {
        var data = new Labels(List.of(), 9);

        assertThat(LabelMapping.of(data, FASHION)).hasSize(10).endsWith(9);
    }
}
