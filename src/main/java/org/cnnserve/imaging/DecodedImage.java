package org.cnnserve.imaging;

import java.util.Arrays;
import java.util.Objects;

/**
 * A decoded image as interleaved floats: row-major, y then x then channel (HWC), each value in
 * [0, 1]. Channels are grey (1), grey + alpha (2), RGB (3) or RGBA (4); alpha is not
 * premultiplied.
 *
 * <p>The pixel array is neither copied on construction nor by {@link #pixels()}: images run to
 * hundreds of megabytes of floats, so callers share it and must not modify it.
 * {@link #equals(Object)} and {@link #hashCode()} compare the pixel contents.
 *
 * @param format   the lower-case format name: jpeg, png, gif, bmp or webp
 * @param width    width in pixels, at least 1
 * @param height   height in pixels, at least 1
 * @param channels 1, 2, 3 or 4
 * @param pixels   width * height * channels values
 */
public record DecodedImage(String format, int width, int height, int channels, float[] pixels) {

    /** Checks the sizes agree with each other. */
    public DecodedImage {
        Objects.requireNonNull(format, "format must not be null");
        Objects.requireNonNull(pixels, "pixels must not be null");
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1, was " + width);
        }
        if (height < 1) {
            throw new IllegalArgumentException("height must be at least 1, was " + height);
        }
        if (channels < 1 || channels > 4) {
            throw new IllegalArgumentException("channels must be 1, 2, 3 or 4, was " + channels);
        }
        long expected = (long) width * height * channels;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("pixels must hold width*height*channels = "
                    + expected + " values, had " + pixels.length);
        }
    }

    /** @return whether the last channel is alpha (2 or 4 channels) */
    public boolean hasAlpha() {
        return channels == 2 || channels == 4;
    }

    /**
     * @return the value of one channel of one pixel
     * @throws IndexOutOfBoundsException when x, y or channel is outside the image
     */
    public float sample(int x, int y, int channel) {
        Objects.checkIndex(x, width);
        Objects.checkIndex(y, height);
        Objects.checkIndex(channel, channels);
        return pixels[(y * width + x) * channels + channel];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DecodedImage that
                && format.equals(that.format)
                && width == that.width
                && height == that.height
                && channels == that.channels
                && Arrays.equals(pixels, that.pixels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, width, height, channels) * 31 + Arrays.hashCode(pixels);
    }

    /** Leaves the pixels out: they would swamp any log line. */
    @Override
    public String toString() {
        return "DecodedImage[" + format + ", " + width + "x" + height + "x" + channels + "]";
    }
}
