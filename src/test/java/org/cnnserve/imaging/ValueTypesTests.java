package org.cnnserve.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cnnserve.imaging.ImageRejectedException.Reason;
import org.junit.jupiter.api.Test;

class ValueTypesTests {

    private static Preprocessing preprocessing(ColorMode color, ChannelOrder order, int shorter,
                                               float[] mean, float[] std) {
        return new Preprocessing(color, order, shorter, mean, std, Background.BLACK);
    }

    @Test
    void imageLimitsMustBePositive() {
        assertThatThrownBy(() -> new ImageLimits(0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBytes must be at least 1, was 0");
        assertThatThrownBy(() -> new ImageLimits(1, -5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxPixels must be at least 1, was -5");
    }

    @Test
    void decodedImageChecksThatItsSizesAgree() {
        assertThatThrownBy(() -> new DecodedImage("png", 2, 2, 3, new float[11]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pixels must hold width*height*channels = 12 values, had 11");
        assertThatThrownBy(() -> new DecodedImage("png", 0, 2, 3, new float[0]))
                .hasMessage("width must be at least 1, was 0");
        assertThatThrownBy(() -> new DecodedImage("png", 1, 1, 5, new float[5]))
                .hasMessage("channels must be 1, 2, 3 or 4, was 5");
    }

    @Test
    void decodedImagesWithTheSamePixelsAreEqualAndPrintWithoutThem() {
        DecodedImage a = new DecodedImage("png", 1, 1, 2, new float[] {0.5f, 1f});
        DecodedImage b = new DecodedImage("png", 1, 1, 2, new float[] {0.5f, 1f});

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).hasToString("DecodedImage[png, 1x1x2]");
        assertThat(a.hasAlpha()).isTrue();
    }

    @Test
    void rejectionKeepsItsReason() {
        ImageRejectedException e = new ImageRejectedException(Reason.TRUNCATED, "cut short");

        assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
        assertThat(e).hasMessage("cut short");
    }

    @Test
    void meanAndStdNeedOneValuePerChannel() {
        assertThatThrownBy(() -> preprocessing(ColorMode.RGB, ChannelOrder.RGB, 0,
                new float[] {0}, new float[] {1, 1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mean must have 3 value(s) for color RGB, had 1");
        assertThatThrownBy(() -> preprocessing(ColorMode.GREY, ChannelOrder.RGB, 0,
                new float[] {0}, new float[] {1, 1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("std must have 1 value(s) for color GREY, had 3");
    }

    @Test
    void stdMustBePositive() {
        assertThatThrownBy(() -> preprocessing(ColorMode.RGB, ChannelOrder.RGB, 0,
                new float[] {0, 0, 0}, new float[] {1, 0, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("std[1] must be greater than 0, was 0.0");
        assertThatThrownBy(() -> preprocessing(ColorMode.GREY, ChannelOrder.RGB, 0,
                new float[] {0}, new float[] {Float.NaN}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("std[0] must be a finite number, was NaN");
    }

    @Test
    void resizeShorterMustNotBeNegative() {
        assertThatThrownBy(() -> preprocessing(ColorMode.GREY, ChannelOrder.RGB, -1,
                new float[] {0}, new float[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resizeShorter must be at least 0, was -1");
    }

    @Test
    void bgrNeedsColour() {
        assertThatThrownBy(() -> preprocessing(ColorMode.GREY, ChannelOrder.BGR, 0,
                new float[] {0}, new float[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("channelOrder BGR needs color RGB, was GREY");
    }

    @Test
    void preprocessingCopiesItsArraysAndComparesTheirContents() {
        float[] mean = {0.1f, 0.2f, 0.3f};
        Preprocessing p = preprocessing(ColorMode.RGB, ChannelOrder.RGB, 256, mean,
                new float[] {1, 1, 1});
        mean[0] = 9;
        p.mean()[1] = 9;

        assertThat(p.mean()).containsExactly(0.1f, 0.2f, 0.3f);
        Preprocessing same = preprocessing(ColorMode.RGB, ChannelOrder.RGB, 256,
                new float[] {0.1f, 0.2f, 0.3f}, new float[] {1, 1, 1});
        assertThat(p).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(p.toString()).contains("mean=[0.1, 0.2, 0.3]");
        assertThat(p.channels()).isEqualTo(3);
    }
}
