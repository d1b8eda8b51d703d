package org.cnnserve.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cnnserve.architectures.InputShape;
import org.cnnserve.imaging.DecodedImage;
import org.junit.jupiter.api.Test;

class AugmentationTests {

    /** 3 wide, 2 high, grey: 1 2 3 / 4 5 6. */
    private static final DecodedImage IMAGE = new DecodedImage("png", 3, 2, 1, new float[] {1, 2, 3, 4, 5, 6});

    @Test
    void aShiftRightFillsTheLeftColumnWithZero() {
        assertThat(Augmentation.shifted(IMAGE, 1, 0).pixels()).containsExactly(0, 1, 2, 0, 4, 5);
    }

    @Test
    void aShiftLeftAndDownFillsTheRightColumnAndTopRowWithZero() {
        assertThat(Augmentation.shifted(IMAGE, -1, 1).pixels()).containsExactly(0, 0, 0, 2, 3, 0);
    }

    @Test
    void aShiftByTheWholeImageLeavesNothing() {
        assertThat(Augmentation.shifted(IMAGE, 0, -2).pixels()).containsOnly(0);
    }

    @Test
    void aShiftMovesWholePixelsWithAllTheirChannels() {
        DecodedImage greyAlpha = new DecodedImage("png", 2, 1, 2, new float[] {0.1f, 1, 0.2f, 1});

        assertThat(Augmentation.shifted(greyAlpha, 1, 0).pixels()).containsExactly(0, 0, 0.1f, 1);
    }

    @Test
    void aShiftLeavesTheImageItWasGivenAsItWas() {
        Augmentation.shifted(IMAGE, 1, 1);

        assertThat(IMAGE.pixels()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void mirroringReversesEachRowOfEachChannelInPlace() {
        float[] chw = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18}; // 3 channels of 2 rows of 3

        Augmentation.mirror(chw, new InputShape(2, 3, 3));

        assertThat(chw).containsExactly(3, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10, 15, 14, 13, 18, 17, 16);
    }

    @Test
    void theRecordNamesEachKindInUse() {
        assertThat(new Augmentation(true, 2).description())
                .isEqualTo("random left-right flip, random translation by up to 2 pixels");
        assertThat(new Augmentation(false, 3).description()).isEqualTo("random translation by up to 3 pixels");
        assertThat(new Augmentation(false, 0).description()).isEqualTo("none");
    }

    @Test
    void aNegativeShiftStatesTheRule() {
        assertThatThrownBy(() -> new Augmentation(false, -1)).hasMessage("shift must be at least 0, was -1");
    }
}
