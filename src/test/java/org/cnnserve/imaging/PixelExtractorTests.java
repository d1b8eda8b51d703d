package org.cnnserve.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;

import org.junit.jupiter.api.Test;

/** The BufferedImage layouts that readers produce besides the ones the fixtures cover. */
class PixelExtractorTests {

    private static DecodedImage extract(BufferedImage image) {
        return PixelExtractor.extract("png", image);
    }

    @Test
    void byteGreyIsTheRawSampleNotGetRgbsBrightenedValue() {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSample(0, 0, 0, 100);

        DecodedImage decoded = extract(image);

        assertThat(decoded.channels()).isEqualTo(1);
        assertThat(decoded.pixels()).containsExactly(100 / 255f);
        // What the pitfall would have given: the linear grey space converted to sRGB.
        assertThat((image.getRGB(0, 0) & 0xFF)).isGreaterThan(100);
    }

    @Test
    void ushortGreyIsDividedBy65535() {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setSample(0, 0, 0, 1000);

        assertThat(extract(image).pixels()).containsExactly(1000 / 65535f);
    }

    @Test
    void intRgbAndArgbGiveExactBytes() {
        BufferedImage rgb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0x102030);
        BufferedImage argb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x40102030);

        assertThat(extract(rgb).pixels()).containsExactly(16 / 255f, 32 / 255f, 48 / 255f);
        assertThat(extract(argb).pixels())
                .containsExactly(16 / 255f, 32 / 255f, 48 / 255f, 64 / 255f);
    }

    @Test
    void fourByteAbgrIsReorderedToRgba() {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_4BYTE_ABGR);
        image.setRGB(0, 0, 0x80FF4000);

        assertThat(extract(image).pixels()).containsExactly(1f, 64 / 255f, 0f, 128 / 255f);
    }

    @Test
    void premultipliedAlphaIsUndone() {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB_PRE);
        image.setRGB(0, 0, 0x80FF8040);

        assertThat(extract(image).pixels()).containsExactly(
                new float[] {1f, 128 / 255f, 64 / 255f, 128 / 255f}, within(0.01f));
    }

    @Test
    void fewerThanEightBitsAreScaledByTheirOwnMaximum() {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_565_RGB);
        image.getRaster().setPixel(0, 0, new int[] {31, 21, 15});

        assertThat(extract(image).pixels()).containsExactly(1f, 21 / 63f, 15 / 31f);
    }

    @Test
    void oneBitImageIsGrey() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY);
        image.getRaster().setSample(1, 0, 0, 1);

        DecodedImage decoded = extract(image);

        assertThat(decoded.channels()).isEqualTo(1);
        assertThat(decoded.pixels()).containsExactly(0f, 1f);
    }

    @Test
    void colourPaletteWithTransparencyIsRgba() {
        IndexColorModel palette = new IndexColorModel(8, 2,
                new byte[] {10, (byte) 200}, new byte[] {20, 0}, new byte[] {30, 0},
                new byte[] {(byte) 255, 0});
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
        image.getRaster().setSample(1, 0, 0, 1);

        assertThat(extract(image).pixels()).containsExactly(
                10 / 255f, 20 / 255f, 30 / 255f, 1f, 200 / 255f, 0f, 0f, 0f);
    }
}
