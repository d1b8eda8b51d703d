package org.cnnserve.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.zip.DeflaterOutputStream;

import org.cnnserve.imaging.ImageRejectedException.Reason;
import org.junit.jupiter.api.Test;

/** Images whose shape, not their pixel count, would make them expensive. */
class ImageShapeLimitsTests {

    private final ImageDecoder decoder = new ImageDecoder(new ImageLimits(1 << 20, 1 << 24));

    @Test
    void aOneBySixteenMillionLineIsRefusedFromItsHeaderQuickly() {
        // 16,000,000 pixels pass the 16,777,216 pixel limit; the shape is what must stop it.
        byte[] line = greyPng(1, 16_000_000);
        assertThat(line.length).isLessThan(64 * 1024);

        ImageRejectedException e = assertTimeout(Duration.ofSeconds(5),
                () -> catchThrowableOfType(ImageRejectedException.class, () -> decoder.decode(line)));

        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.IMAGE_SHAPE);
        assertThat(e).hasMessage("image is 1x16000000, a side over the limit of 16384 pixels");
    }

    @Test
    void anAspectRatioOverTheLimitIsRefused() {
        ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class,
                () -> decoder.decode(greyPng(65, 1)));

        assertThat(e.reason()).isEqualTo(Reason.IMAGE_SHAPE);
        assertThat(e).hasMessage("image is 65x1, an aspect ratio over the limit of 64:1");
    }

    @Test
    void anAspectRatioExactlyAtTheLimitIsDecoded() {
        assertThat(decoder.decode(greyPng(2, 128)).height()).isEqualTo(128);
    }

    @Test
    void aSideOverAConfiguredLimitIsRefused() {
        ImageDecoder small = new ImageDecoder(new ImageLimits(1 << 20, 1 << 24, 100, 64));

        assertThat(small.decode(greyPng(100, 50)).width()).isEqualTo(100);
        assertThat(catchThrowableOfType(ImageRejectedException.class, () -> small.decode(greyPng(50, 101)))
                .reason()).isEqualTo(Reason.IMAGE_SHAPE);
    }

    @Test
    void resizingAThinImageToItsShorterSideRefusesASizeNoIntHolds() {
        // 10000 * 300000 = 3e9 wrapped to a negative int and ended as an internal error.
        DecodedImage thin = new DecodedImage("png", 1, 10_000, 1, new float[10_000]);
        Preprocessing shorter = new Preprocessing(ColorMode.GREY, ChannelOrder.RGB, 300_000,
                new float[] {0}, new float[] {1}, Background.BLACK);

        ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class,
                () -> Preprocessor.toTensor(thin, shorter, 28, 28));

        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.IMAGE_SHAPE);
    }

    @Test
    void preprocessingAllocatesForTheTargetNotTheSourceArea() {
        DecodedImage thin = new DecodedImage("png", 1, 1_000_000, 1, new float[1_000_000]);
        Preprocessing grey = new Preprocessing(ColorMode.GREY, ChannelOrder.RGB, 0,
                new float[] {0}, new float[] {1}, Background.BLACK);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();

        long before = threads.getThreadAllocatedBytes(id);
        float[] tensor = Preprocessor.toTensor(thin, grey, 28, 28);
        long allocated = threads.getThreadAllocatedBytes(id) - before;

        assertThat(tensor).hasSize(28 * 28);
        // A work array of source rows x target width would be 112 MB; the filter table for
        // the 1,000,000-row axis is about 16 MB.
        assertThat(allocated).isLessThan(32L << 20);
    }

    /** A valid 8-bit grey PNG of zeros; a long thin one compresses to a few tens of kilobytes. */
    static byte[] greyPng(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        Fixtures.pngChunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).array());
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(idat)) {
            byte[] zeros = new byte[1 << 16];
            long remaining = (long) height * (width + 1);
            while (remaining > 0) {
                int n = (int) Math.min(zeros.length, remaining);
                deflate.write(zeros, 0, n);
                remaining -= n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Fixtures.pngChunk(out, "IDAT", idat.toByteArray());
        Fixtures.pngChunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

}
