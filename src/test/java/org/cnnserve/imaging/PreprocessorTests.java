package org.cnnserve.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class PreprocessorTests {

    private static final float EPS = 1e-6f;

    private static Preprocessing rgb(int resizeShorter) {
        return new Preprocessing(ColorMode.RGB, ChannelOrder.RGB, resizeShorter,
                new float[] {0, 0, 0}, new float[] {1, 1, 1}, Background.BLACK);
    }

    private static Preprocessing grey(int resizeShorter) {
        return new Preprocessing(ColorMode.GREY, ChannelOrder.RGB, resizeShorter,
                new float[] {0}, new float[] {1}, Background.BLACK);
    }

    /** One-channel image from a function of x and y. */
    private static DecodedImage greyImage(int width, int height, PixelFunction f) {
        float[] pixels = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels[y * width + x] = f.at(x, y);
            }
        }
        return new DecodedImage("png", width, height, 1, pixels);
    }

    private interface PixelFunction {
        float at(int x, int y);
    }

    /** The HWC image rearranged to CHW, which an unscaled tensor must equal bit for bit. */
    private static float[] chw(DecodedImage image) {
        int plane = image.width() * image.height();
        float[] out = new float[plane * image.channels()];
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < image.channels(); c++) {
                out[c * plane + i] = image.pixels()[i * image.channels() + c];
            }
        }
        return out;
    }

    @Test
    void sameSizeRgbIsAnExactCopy() {
        DecodedImage image = new ImageDecoder(new ImageLimits(1 << 20, 1 << 20))
                .decode(Fixtures.bytes("rgb.jpg"));

        assertThat(Preprocessor.toTensor(image, rgb(0), 48, 64)).containsExactly(chw(image));
    }

    @Test
    void sameSizeGreyIsAnExactCopy() {
        DecodedImage image = new ImageDecoder(new ImageLimits(1 << 20, 1 << 20))
                .decode(Fixtures.bytes("grey-16.png"));

        assertThat(Preprocessor.toTensor(image, grey(0), 28, 28)).containsExactly(image.pixels());
    }

    @Test
    void greyIsReplicatedIntoThreeChannels() {
        DecodedImage image = greyImage(2, 2, (x, y) -> 0.1f * (1 + x + 2 * y));

        float[] tensor = Preprocessor.toTensor(image, rgb(0), 2, 2);

        float[] plane = image.pixels();
        assertThat(tensor).containsExactly(concat(plane, plane, plane));
    }

    @Test
    void rgbBecomesBt601Luma() {
        DecodedImage image = new DecodedImage("png", 2, 1, 3, new float[] {1, 0, 0, 0.2f, 0.4f, 0.6f});

        float[] tensor = Preprocessor.toTensor(image, grey(0), 1, 2);

        assertThat(tensor[0]).isCloseTo(0.299f, within(EPS));
        assertThat(tensor[1]).isCloseTo(0.299f * 0.2f + 0.587f * 0.4f + 0.114f * 0.6f, within(EPS));
    }

    @Test
    void alphaIsCompositedOverTheBackground() {
        DecodedImage image = new DecodedImage("png", 1, 1, 4, new float[] {0.8f, 0.4f, 0.2f, 0.25f});
        Preprocessing white = new Preprocessing(ColorMode.RGB, ChannelOrder.RGB, 0,
                new float[] {0, 0, 0}, new float[] {1, 1, 1}, Background.WHITE);

        assertThat(Preprocessor.toTensor(image, rgb(0), 1, 1))
                .containsExactly(new float[] {0.2f, 0.1f, 0.05f}, within(EPS));
        assertThat(Preprocessor.toTensor(image, white, 1, 1))
                .containsExactly(new float[] {0.95f, 0.85f, 0.8f}, within(EPS));
    }

    @Test
    void greyAlphaIsCompositedBeforeConversion() {
        DecodedImage image = new DecodedImage("png", 1, 1, 2, new float[] {0.6f, 0.5f});
        Preprocessing white = new Preprocessing(ColorMode.RGB, ChannelOrder.RGB, 0,
                new float[] {0, 0, 0}, new float[] {1, 1, 1}, Background.WHITE);

        assertThat(Preprocessor.toTensor(image, white, 1, 1))
                .containsExactly(new float[] {0.8f, 0.8f, 0.8f}, within(EPS));
    }

    @Test
    void bgrReversesThePlanes() {
        DecodedImage image = new DecodedImage("png", 1, 1, 3, new float[] {0.1f, 0.2f, 0.3f});
        Preprocessing bgr = new Preprocessing(ColorMode.RGB, ChannelOrder.BGR, 0,
                new float[] {0, 0, 0}, new float[] {1, 1, 1}, Background.BLACK);

        assertThat(Preprocessor.toTensor(image, bgr, 1, 1)).containsExactly(0.3f, 0.2f, 0.1f);
    }

    @Test
    void normalisationUsesMeanAndStdOfTheTensorChannel() {
        DecodedImage image = new DecodedImage("png", 1, 1, 3, new float[] {0.1f, 0.2f, 0.3f});
        float[] mean = {0.5f, 0.25f, 0.125f};
        float[] std = {2f, 4f, 0.5f};
        Preprocessing rgb = new Preprocessing(ColorMode.RGB, ChannelOrder.RGB, 0, mean, std,
                Background.BLACK);
        Preprocessing bgr = new Preprocessing(ColorMode.RGB, ChannelOrder.BGR, 0, mean, std,
                Background.BLACK);

        assertThat(Preprocessor.toTensor(image, rgb, 1, 1)).containsExactly(
                (0.1f - 0.5f) / 2f, (0.2f - 0.25f) / 4f, (0.3f - 0.125f) / 0.5f);
        // mean[0] and std[0] belong to the first tensor plane, which is blue under BGR.
        assertThat(Preprocessor.toTensor(image, bgr, 1, 1)).containsExactly(
                (0.3f - 0.5f) / 2f, (0.2f - 0.25f) / 4f, (0.1f - 0.125f) / 0.5f);
    }

    @Test
    void constantImageStaysConstantWhenScaledEitherWay() {
        DecodedImage image = greyImage(37, 23, (x, y) -> 0.3f);

        for (float v : Preprocessor.toTensor(image, grey(0), 7, 11)) {
            assertThat(v).isCloseTo(0.3f, within(EPS));
        }
        for (float v : Preprocessor.toTensor(image, grey(0), 90, 120)) {
            assertThat(v).isCloseTo(0.3f, within(EPS));
        }
        for (float v : Preprocessor.toTensor(image, grey(10), 8, 8)) {
            assertThat(v).isCloseTo(0.3f, within(EPS));
        }
    }

    @Test
    void halvingAOnePixelCheckerboardAveragesItAwayFromTheEdges() {
        DecodedImage board = greyImage(8, 8, (x, y) -> (x + y) % 2);

        float[] tensor = Preprocessor.toTensor(board, grey(0), 4, 4);

        for (int y = 1; y < 3; y++) {
            for (int x = 1; x < 3; x++) {
                assertThat(tensor[y * 4 + x]).isCloseTo(0.5f, within(EPS));
            }
        }
    }

    @Test
    void quarteringATwoPixelBlockCheckerboardAveragesItAwayFromTheEdges() {
        // The downscale filter spans 8 pixels, 2 whole periods of the board.
        DecodedImage board = greyImage(16, 16, (x, y) -> (x / 2 + y / 2) % 2);

        float[] tensor = Preprocessor.toTensor(board, grey(0), 4, 4);

        for (int y = 1; y < 3; y++) {
            for (int x = 1; x < 3; x++) {
                assertThat(tensor[y * 4 + x]).isCloseTo(0.5f, within(EPS));
            }
        }
    }

    @Test
    void downscalingKeepsALinearRampLinearWithPixelCentresAligned() {
        DecodedImage ramp = greyImage(16, 1, (x, y) -> x / 15f);

        float[] tensor = Preprocessor.toTensor(ramp, grey(0), 1, 8);

        // Output i covers input centre 2i + 1, i.e. input coordinate 2i + 0.5.
        for (int i = 1; i < 7; i++) {
            assertThat(tensor[i]).isCloseTo((2 * i + 0.5f) / 15f, within(EPS));
        }
    }

    @Test
    void upscalingIsPlainBilinearLikePil() {
        DecodedImage pair = greyImage(2, 1, (x, y) -> x);

        assertThat(Preprocessor.toTensor(pair, grey(0), 1, 4))
                .containsExactly(new float[] {0f, 0.25f, 0.75f, 1f}, within(EPS));
    }

    @Test
    void resizeMatchesPilBilinearOnFloatImages() {
        // Reference values from Pillow 12.3:
        //   a = float32 array, a[y][x] = ((x*7 + y*13) % 17) / 16, 9 wide and 7 high
        //   Image.fromarray(a, mode="F").resize((w, h), Image.BILINEAR)
        DecodedImage image = greyImage(9, 7, (x, y) -> ((x * 7 + y * 13) % 17) / 16f);

        assertThat(Preprocessor.toTensor(image, grey(0), 3, 4)).containsExactly(new float[] {
                0.49948978424072266f, 0.4363022744655609f, 0.46014806628227234f,
                0.48813775181770325f, 0.5214285850524902f, 0.5365853905677795f,
                0.5152438879013062f, 0.5232142806053162f, 0.44936224818229675f,
                0.47735193371772766f, 0.5178571343421936f, 0.5355867147445679f}, within(EPS));
        float[] wider = Preprocessor.toTensor(image, grey(0), 5, 12);
        assertThat(Arrays.copyOf(wider, 12)).containsExactly(new float[] {
                0.2708333432674408f, 0.3229166567325592f, 0.5182291865348816f,
                0.7135416865348816f, 0.2447916716337204f, 0.4401041567325592f,
                0.5026041865348816f, 0.34375f, 0.40625f, 0.6901041865348816f,
                0.6197916865348816f, 0.2291666716337204f}, within(EPS));
        assertThat(wider[59]).isCloseTo(0.6666666865348816f, within(EPS));
    }

    @Test
    void resizeShorterThenCentreCropGivesTheTensorSize() {
        DecodedImage image = new ImageDecoder(new ImageLimits(1 << 20, 1 << 20))
                .decode(Fixtures.bytes("rgb.png"));

        float[] tensor = Preprocessor.toTensor(image, rgb(32), 24, 30);

        assertThat(tensor).hasSize(3 * 24 * 30);
    }

    @Test
    void shorterSideAlreadyAtSizeCropsTheCentreWithoutResampling() {
        DecodedImage ramp = greyImage(8, 4, (x, y) -> x + 10 * y);

        float[] tensor = Preprocessor.toTensor(ramp, grey(4), 4, 4);

        // (8 - 4) / 2 = 2 columns cut on each side.
        assertThat(tensor).containsExactly(
                2, 3, 4, 5, 12, 13, 14, 15, 22, 23, 24, 25, 32, 33, 34, 35);
    }

    @Test
    void oddCropExcessLeavesTheExtraPixelAtTheRight() {
        DecodedImage ramp = greyImage(7, 4, (x, y) -> x);

        float[] row = Arrays.copyOf(Preprocessor.toTensor(ramp, grey(4), 4, 4), 4);

        assertThat(row).containsExactly(1, 2, 3, 4);
    }

    @Test
    void cropLargerThanTheResizedImageIsRejected() {
        DecodedImage image = greyImage(64, 48, (x, y) -> 0);

        assertThatThrownBy(() -> Preprocessor.toTensor(image, grey(32), 40, 40))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a 64x48 image resized to shorter side 32 is 43x32, smaller than"
                        + " the 40x40 crop; resizeShorter must be at least max(height, width) = 40");
    }

    @Test
    void tensorSizeMustBePositive() {
        DecodedImage image = greyImage(2, 2, (x, y) -> 0);

        assertThatThrownBy(() -> Preprocessor.toTensor(image, grey(0), 0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("height must be at least 1, was 0");
        assertThatThrownBy(() -> Preprocessor.toTensor(image, grey(0), 2, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("width must be at least 1, was -1");
    }

    private static float[] concat(float[]... parts) {
        float[] out = new float[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
