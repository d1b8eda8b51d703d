package org.cnnserve.imaging;

import java.util.Arrays;
import java.util.Objects;

/**
 * How {@link Preprocessor} turns a decoded image into a network's input: the steps run in the
 * order alpha compositing, colour conversion, resize (and crop), channel order, normalisation.
 *
 * <p>{@code mean} and {@code std} are indexed by tensor channel, that is after reordering: with
 * {@link ChannelOrder#BGR}, {@code mean[0]} applies to blue. They are given in the [0, 1] pixel
 * scale (0.485, not 123.7). Both arrays are copied on the way in and out, and
 * {@link #equals(Object)}, {@link #hashCode()} and {@link #toString()} use their contents.
 *
 * @param color         grey or RGB input
 * @param channelOrder  RGB or BGR planes; BGR needs {@code color} RGB; null means RGB
 * @param resizeShorter 0 to resize straight to the tensor size (aspect ratio not kept);
 *                      otherwise scale so the shorter side has this length, keeping the aspect
 *                      ratio, then centre-crop. The crop only fits when it is at least
 *                      max(tensor height, tensor width)
 * @param mean          per-channel value subtracted, one per channel of {@code color}
 * @param std           per-channel divisor, each greater than 0
 * @param background    what transparent pixels are composited over; null means black
 */
public record Preprocessing(ColorMode color, ChannelOrder channelOrder, int resizeShorter,
                            float[] mean, float[] std, Background background) {

    /** Checks every argument and copies the arrays. */
    public Preprocessing {
        Objects.requireNonNull(color, "color must not be null");
        channelOrder = channelOrder == null ? ChannelOrder.RGB : channelOrder;
        background = background == null ? Background.BLACK : background;
        if (resizeShorter < 0) {
            throw new IllegalArgumentException(
                    "resizeShorter must be at least 0, was " + resizeShorter);
        }
        if (channelOrder == ChannelOrder.BGR && color != ColorMode.RGB) {
            throw new IllegalArgumentException("channelOrder BGR needs color RGB, was " + color);
        }
        mean = perChannel("mean", mean, color);
        std = perChannel("std", std, color);
        for (int c = 0; c < std.length; c++) {
            if (!(std[c] > 0f)) {
                throw new IllegalArgumentException(
                        "std[" + c + "] must be greater than 0, was " + std[c]);
            }
        }
    }

    private static float[] perChannel(String name, float[] values, ColorMode color) {
        Objects.requireNonNull(values, name + " must not be null");
        if (values.length != color.channels()) {
            throw new IllegalArgumentException(name + " must have " + color.channels()
                    + " value(s) for color " + color + ", had " + values.length);
        }
        for (int c = 0; c < values.length; c++) {
            if (!Float.isFinite(values[c])) {
                throw new IllegalArgumentException(
                        name + "[" + c + "] must be a finite number, was " + values[c]);
            }
        }
        return values.clone();
    }

    /** @return a copy of the per-channel means */
    @Override
    public float[] mean() {
        return mean.clone();
    }

    /** @return a copy of the per-channel standard deviations */
    @Override
    public float[] std() {
        return std.clone();
    }

    /** @return the number of tensor channels, from {@link #color()} */
    public int channels() {
        return color.channels();
    }

    /** The mean without a copy, for the preprocessor's inner loop. */
    float meanOf(int channel) {
        return mean[channel];
    }

    /** The standard deviation without a copy, for the preprocessor's inner loop. */
    float stdOf(int channel) {
        return std[channel];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Preprocessing that
                && color == that.color
                && channelOrder == that.channelOrder
                && resizeShorter == that.resizeShorter
                && Arrays.equals(mean, that.mean)
                && Arrays.equals(std, that.std)
                && background == that.background;
    }

    @Override
    public int hashCode() {
        return Objects.hash(color, channelOrder, resizeShorter, Arrays.hashCode(mean),
                Arrays.hashCode(std), background);
    }

    @Override
    public String toString() {
        return "Preprocessing[color=" + color + ", channelOrder=" + channelOrder
                + ", resizeShorter=" + resizeShorter + ", mean=" + Arrays.toString(mean)
                + ", std=" + Arrays.toString(std) + ", background=" + background + "]";
    }
}
