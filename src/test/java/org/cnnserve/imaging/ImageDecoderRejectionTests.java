package org.cnnserve.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;

import org.cnnserve.imaging.ImageRejectedException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecoderRejectionTests {

    private final ImageDecoder decoder = new ImageDecoder(new ImageLimits(1 << 20, 40_000_000));

    private ImageRejectedException rejection(byte[] data) {
        return catchThrowableOfType(ImageRejectedException.class, () -> decoder.decode(data));
    }

    @Test
    void nullAndZeroBytesAreEmpty() {
        assertThat(rejection(null).reason()).isEqualTo(Reason.EMPTY);
        assertThat(rejection(new byte[0]).reason()).isEqualTo(Reason.EMPTY);
        assertThat(rejection(new byte[0])).hasMessage("image is empty (0 bytes)");
    }

    @Test
    void textIsNotAnImage() {
        ImageRejectedException e = rejection(Fixtures.bytes("not-an-image.txt"));

        assertThat(e.reason()).isEqualTo(Reason.NOT_AN_IMAGE);
        assertThat(e).hasMessageContaining("not an image");
    }

    @Test
    void truncatedPngIsTruncated() {
        ImageRejectedException e = rejection(Fixtures.bytes("truncated.png"));

        assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
        assertThat(e).hasMessageStartingWith("png image is truncated or corrupt");
    }

    @Test
    void truncatedJpegIsTruncatedAlthoughTheJdkOnlyWarns() {
        ImageRejectedException e = rejection(Fixtures.bytes("truncated.jpg"));

        assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
        assertThat(e).hasMessageStartingWith("jpeg image is truncated or corrupt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"grey-8.png", "palette-alpha.png", "rgb.jpg", "grey.jpg", "cmyk.jpg",
            "exif-orientation-6.jpg", "boot-animated.gif", "rgb.bmp", "rgb-lossless.webp",
            "boot-animated.webp"})
    void anyFixtureCutInHalfIsTruncated(String file) {
        byte[] data = Fixtures.bytes(file);

        assertThat(rejection(Arrays.copyOf(data, data.length / 2)).reason())
                .isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void signatureFollowedByGarbageIsTruncatedNotNotAnImage() {
        byte[] data = Arrays.copyOf(Fixtures.bytes("rgb.png"), 100);
        Arrays.fill(data, 8, data.length, (byte) 0x5A);

        assertThat(rejection(data).reason()).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void damagedWebpThatSendsTheDecoderPastTheEndIsTruncatedRatherThanDecodedForever() {
        // Four bytes of rgb-lossless.webp changed, found by fuzzing: the TwelveMonkeys WebP
        // decoder ignores the end of the data and spent 29 s building Huffman tables from
        // stale bits before returning an image.
        byte[] webp = Fixtures.bytes("rgb-lossless.webp");
        webp[30] = (byte) 0xAD;
        webp[31] = (byte) 0xB9;
        webp[88] = (byte) 0x94;
        webp[103] = (byte) 0xD7;

        assertThat(rejection(webp).reason()).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void tiffIsAnUnsupportedFormatNamedInTheMessage() {
        ImageRejectedException e = rejection(Fixtures.bytes("rgb.tiff"));

        assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT);
        assertThat(e).hasMessage(
                "image format tiff is not supported; send one of jpeg, png, gif, bmp, webp");
    }

    @Test
    void moreBytesThanTheLimitAreRejectedBeforeDecoding() {
        ImageDecoder small = new ImageDecoder(new ImageLimits(100, 40_000_000));
        byte[] png = Fixtures.bytes("rgb.png");

        ImageRejectedException e =
                catchThrowableOfType(ImageRejectedException.class, () -> small.decode(png));

        assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_BYTES);
        assertThat(e).hasMessage("image is " + png.length + " bytes, over the limit of 100 bytes");
    }

    @Test
    void exactlyTheByteLimitIsAccepted() {
        byte[] png = Fixtures.bytes("rgb.png");

        DecodedImage image = new ImageDecoder(new ImageLimits(png.length, 64 * 48)).decode(png);

        assertThat(image.width()).isEqualTo(64);
    }

    @Test
    void moreThanThePixelLimitIsRejected() {
        ImageDecoder small = new ImageDecoder(new ImageLimits(1 << 20, 64 * 48 - 1));

        ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class,
                () -> small.decode(Fixtures.bytes("rgb.jpg")));

        assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS);
        assertThat(e).hasMessage("image is 64x48 = 3072 pixels, over the limit of 3071");
    }

    @Test
    void decompressionBombIsRejectedFromItsHeaderWithoutAllocatingThePixels() {
        // 100000 x 100000 RGBA would need 160 GB of floats: getting here at all means the
        // header check ran before the decoder allocated anything.
        byte[] bomb = png(100_000, 100_000);

        ImageRejectedException e = rejection(bomb);

        assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS);
        assertThat(e).hasMessage(
                "image is 100000x100000 = 10000000000 pixels, over the limit of 40000000");
    }

    @Test
    void rejectionsCarryTheDecoderCauseForLogs() {
        assertThat(rejection(Fixtures.bytes("truncated.png"))).hasCauseInstanceOf(Exception.class);
    }

    @Test
    void limitsAreRequired() {
        assertThatThrownBy(() -> new ImageDecoder(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("limits must not be null");
    }

    /** An RGBA PNG whose header claims the given size, with one compressed row of data. */
    private static byte[] png(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        Fixtures.pngChunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0).array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[1 + 4 * 16]);
        deflater.finish();
        byte[] idat = new byte[256];
        Fixtures.pngChunk(out, "IDAT", Arrays.copyOf(idat, deflater.deflate(idat)));
        Fixtures.pngChunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

}
