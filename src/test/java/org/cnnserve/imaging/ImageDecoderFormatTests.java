package org.cnnserve.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

import org.assertj.core.data.Offset;
import org.cnnserve.Requirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageDecoderFormatTests {

    /** The committed test split, not a system copy that CI never installs. */
    private static final Path FASHION_MNIST = Path.of("datasets", "fashion-mnist", "t10k-images-idx3-ubyte.gz");

    private final ImageDecoder decoder = new ImageDecoder(new ImageLimits(1 << 20, 1 << 20));

    @ParameterizedTest(name = "{0} is {1} {2}x{3}x{4}")
    @CsvSource({
            "grey-8.png,         png,  28, 28, 1",
            "grey-16.png,        png,  28, 28, 1",
            "grey-alpha.png,     png,  28, 28, 2",
            "palette-alpha.png,  png,  64, 48, 4",
            "rgb.png,            png,  64, 48, 3",
            "rgba.png,           png,  64, 48, 4",
            "rgb-16.png,         png,  64, 48, 3",
            "rgb.jpg,            jpeg, 64, 48, 3",
            "grey.jpg,           jpeg, 28, 28, 1",
            "cmyk.jpg,           jpeg, 64, 48, 3",
            "boot-animated.gif,  gif,  28, 28, 1",
            "rgb.bmp,            bmp,  64, 48, 3",
            "rgb-lossless.webp,  webp, 64, 48, 3",
            "boot-animated.webp, webp, 28, 28, 3",
    })
    void eachSupportedFormatDecodesWithItsSizeAndChannels(String file, String format, int width,
                                                          int height, int channels) {
        DecodedImage image = decoder.decode(Fixtures.bytes(file));

        assertThat(image.format()).isEqualTo(format);
        assertThat(image.width()).isEqualTo(width);
        assertThat(image.height()).isEqualTo(height);
        assertThat(image.channels()).isEqualTo(channels);
        for (float v : image.pixels()) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void greyPngSourceIsFashionMnistTestImageZero() throws IOException {
        Path file = Requirement.file(FASHION_MNIST, "check out the repository's datasets/ folder");
        byte[] idx;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            idx = in.readNBytes(16 + 28 * 28);
        }
        int[] expected = new int[28 * 28];
        Arrays.setAll(expected, i -> idx[16 + i] & 0xFF);

        assertThat(Fixtures.pnm("boot.pgm").samples()).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0} matches {1} exactly")
    @CsvSource({
            "grey-8.png,        boot.pgm",
            "grey-16.png,       boot-16.pgm",
            "grey-alpha.png,    boot-alpha.pam",
            "palette-alpha.png, colour-alpha.pam",
            "rgb.png,           colour.ppm",
            "rgba.png,          colour-alpha.pam",
            "rgb-16.png,        colour-16.ppm",
            "boot-animated.gif, boot.pgm",
            "rgb.bmp,           colour.ppm",
            "rgb-lossless.webp, colour.ppm",
    })
    void losslessFormatsGiveEachSampleOverItsMaximumExactly(String file, String source) {
        Fixtures.Pnm expected = Fixtures.pnm(source);

        DecodedImage image = decoder.decode(Fixtures.bytes(file));

        assertThat(image.channels()).isEqualTo(expected.channels());
        float[] want = new float[expected.samples().length];
        for (int i = 0; i < want.length; i++) {
            want[i] = expected.expected(i);
        }
        assertThat(image.pixels()).containsExactly(want);
    }

    @Test
    void greyPngPixelIsExactlyTheIdxByteOver255() {
        Fixtures.Pnm boot = Fixtures.pnm("boot.pgm");

        DecodedImage image = decoder.decode(Fixtures.bytes("grey-8.png"));

        for (int i = 0; i < boot.samples().length; i++) {
            int v = boot.samples()[i];
            assertThat(image.pixels()[i]).isEqualTo(v / 255f);
        }
    }

    @Test
    void animatedWebpGivesItsFirstFrame() {
        Fixtures.Pnm boot = Fixtures.pnm("boot.pgm");

        DecodedImage image = decoder.decode(Fixtures.bytes("boot-animated.webp"));

        for (int i = 0; i < boot.samples().length; i++) {
            float v = boot.samples()[i] / 255f;
            assertThat(Arrays.copyOfRange(image.pixels(), i * 3, i * 3 + 3)).containsExactly(v, v, v);
        }
    }

    @Test
    void rgbJpegIsCloseToItsSource() {
        assertCloseTo(decoder.decode(Fixtures.bytes("rgb.jpg")), Fixtures.pnm("colour.ppm"), 0.01, 0.1);
    }

    @Test
    void greyJpegIsCloseToItsSource() {
        assertCloseTo(decoder.decode(Fixtures.bytes("grey.jpg")), Fixtures.pnm("boot.pgm"), 0.01, 0.06);
    }

    @Test
    void cmykJpegDecodesToPlausibleRgb() {
        // No ICC profile in the file, so TwelveMonkeys uses its plain CMYK to RGB formula, the
        // inverse of ImageMagick's: the colours come back within JPEG error.
        DecodedImage image = decoder.decode(Fixtures.bytes("cmyk.jpg"));

        assertCloseTo(image, Fixtures.pnm("colour.ppm"), 0.01, 0.1);
        // Red rises to the right and green downwards in the source; so must they here.
        assertThat(image.sample(60, 4, 0)).isGreaterThan(image.sample(3, 4, 0) + 0.4f);
        assertThat(image.sample(4, 44, 1)).isGreaterThan(image.sample(4, 3, 1) + 0.4f);
    }

    private static void assertCloseTo(DecodedImage image, Fixtures.Pnm source, double meanError,
                                      double maxError) {
        assertThat(image.channels()).isEqualTo(source.channels());
        assertThat(image.width()).isEqualTo(source.width());
        assertThat(image.height()).isEqualTo(source.height());
        double sum = 0;
        double max = 0;
        for (int i = 0; i < image.pixels().length; i++) {
            double error = Math.abs(image.pixels()[i] - source.expected(i));
            sum += error;
            max = Math.max(max, error);
        }
        assertThat(sum / image.pixels().length).isLessThan(meanError);
        assertThat(max).isLessThan(maxError);
    }

    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({
            // orientation, then the source x and y of the pixels that must end up at the top
            // left and at the top right
            "3, 63, 47,  0, 47",
            "6,  0, 47,  0,  0",
            "8, 63,  0, 63, 47",
    })
    void exifOrientationTurnsTheJpegUpright(int orientation, int leftX, int leftY, int rightX,
                                            int rightY) {
        Fixtures.Pnm source = Fixtures.pnm("colour.ppm");

        DecodedImage image = decoder.decode(Fixtures.bytes("exif-orientation-" + orientation + ".jpg"));

        boolean swapped = orientation >= 5;
        assertThat(image.width()).isEqualTo(swapped ? 48 : 64);
        assertThat(image.height()).isEqualTo(swapped ? 64 : 48);
        for (int c = 0; c < 3; c++) {
            assertThat(image.sample(0, 0, c))
                    .isCloseTo(source.sample(leftX, leftY, c) / 255f, Offset.offset(0.06f));
            assertThat(image.sample(image.width() - 1, 0, c))
                    .isCloseTo(source.sample(rightX, rightY, c) / 255f, Offset.offset(0.06f));
        }
    }

    @Test
    void jpegWithoutExifKeepsItsOrientation() {
        DecodedImage plain = decoder.decode(Fixtures.bytes("rgb.jpg"));

        assertThat(plain.width()).isEqualTo(64);
        assertThat(plain.sample(0, 0, 0)).isCloseTo(16 / 255f, Offset.offset(0.06f));
    }

    @Test
    void jpegMissingOnlyItsEndMarkerStillDecodes() {
        byte[] jpeg = Fixtures.bytes("rgb.jpg");

        DecodedImage image = decoder.decode(Arrays.copyOf(jpeg, jpeg.length - 2));

        assertThat(image).isEqualTo(decoder.decode(jpeg));
    }
}
