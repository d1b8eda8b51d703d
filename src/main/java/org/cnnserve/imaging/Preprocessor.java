package org.cnnserve.imaging;

import java.util.Objects;

/**
 * Turns a {@link DecodedImage} into a network's input tensor, as a {@link Preprocessing} says.
 *
 * <p>Steps, in order: alpha composited over the background (c * a + bg * (1 - a)); colour
 * conversion (grey replicated to RGB, or RGB to BT.601 luma 0.299 R + 0.587 G + 0.114 B);
 * resize, antialiased bilinear as PIL's {@code BILINEAR} (see {@link ResampleAxis}), straight
 * to the tensor size or shorter side first and then a centre crop; BGR reordering;
 * normalisation (x - mean[c]) / std[c].
 *
 * <p>An axis whose size does not change is copied bit for bit. The work runs row by row: each
 * needed source row is composited, converted and resized horizontally, then added with its
 * weight to the output rows whose window holds it. Work memory is one source row, one resized
 * row, C * height * width sums and the two axes' filter tables (about twice the source side in
 * doubles, which {@link ImageLimits#maxSide()} bounds), never a multiple of the source area.
 */
public final class Preprocessor {

    private Preprocessor() {
    }

    /**
     * @param image  the decoded image
     * @param p      how to preprocess it
     * @param height tensor height, at least 1
     * @param width  tensor width, at least 1
     * @return C * height * width floats in CHW order, C = {@code p.channels()}
     * @throws IllegalArgumentException when a size is below 1, or when with
     *         {@code resizeShorter > 0} the resized image is smaller than the crop
     */
    public static float[] toTensor(DecodedImage image, Preprocessing p, int height, int width) {
        Objects.requireNonNull(image, "image must not be null");
        Objects.requireNonNull(p, "preprocessing must not be null");
        if (height < 1) {
            throw new IllegalArgumentException("height must be at least 1, was " + height);
        }
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1, was " + width);
        }
        int srcW = image.width();
        int srcH = image.height();
        int fullW = width;
        int fullH = height;
        int shorter = p.resizeShorter();
        if (shorter > 0) {
            if (srcW <= srcH) {
                fullW = shorter;
                fullH = scaled(srcW, srcH, shorter);
            } else {
                fullH = shorter;
                fullW = scaled(srcW, srcH, shorter);
            }
            if (fullW < width || fullH < height) {
                throw new IllegalArgumentException("a " + srcW + "x" + srcH + " image resized to"
                        + " shorter side " + shorter + " is " + fullW + "x" + fullH
                        + ", smaller than the " + width + "x" + height + " crop; resizeShorter"
                        + " must be at least max(height, width) = " + Math.max(height, width));
            }
        }
        // Floor of half the excess: an odd excess leaves the extra pixel at the right/bottom.
        ResampleAxis columns = ResampleAxis.of(srcW, fullW, (fullW - width) / 2, width);
        ResampleAxis rows = ResampleAxis.of(srcH, fullH, (fullH - height) / 2, height);
        int channels = p.channels();
        // Throws rather than wraps when a tensor is asked for that no array can hold.
        int outputSize = Math.multiplyExact(Math.multiplyExact(channels, height), width);
        double[] sums = new double[outputSize];
        float[] planes = new float[Math.multiplyExact(channels, srcW)];
        float[] row = new float[Math.multiplyExact(channels, width)];
        int firstOutput = 0;
        for (int r = rows.lowestInput(), end = rows.inputEnd(); r < end; r++) {
            RowConverter.convert(image, r, p, planes);
            for (int c = 0; c < channels; c++) {
                resampleRow(planes, c * srcW, columns, row, c * width);
            }
            // Windows move forward with the output row, so the rows reading r are contiguous.
            while (firstOutput < height && rows.first[firstOutput] + rows.taps[firstOutput] <= r) {
                firstOutput++;
            }
            for (int y = firstOutput; y < height && rows.first[y] <= r; y++) {
                accumulate(row, rows.weights[y * rows.stride + r - rows.first[y]], sums, y, channels,
                        height, width);
            }
        }
        return normalise(sums, p, height, width);
    }

    /**
     * The longer side after scaling the shorter one to {@code shorter}, in exact arithmetic: a
     * wrapped int here once turned a thin image into a negative size and an internal error.
     *
     * @throws ImageRejectedException IMAGE_SHAPE when the result would not fit an int
     */
    private static int scaled(int srcW, int srcH, int shorter) {
        int small = Math.min(srcW, srcH);
        int large = Math.max(srcW, srcH);
        long side = Math.round((double) large * shorter / small);
        if (side > Integer.MAX_VALUE - 8) {
            throw new ImageRejectedException(ImageRejectedException.Reason.IMAGE_SHAPE, "a " + srcW + "x"
                    + srcH + " image resized to shorter side " + shorter + " would have a side of " + side
                    + " pixels; its aspect ratio is too extreme");
        }
        return (int) side;
    }

    /** Adds one horizontally resized source row, weighted, to output row y of every channel. */
    private static void accumulate(float[] row, double weight, double[] sums, int y, int channels,
                                   int height, int width) {
        for (int c = 0; c < channels; c++) {
            int from = c * width;
            int to = (c * height + y) * width;
            for (int x = 0; x < width; x++) {
                sums[to + x] += weight * row[from + x];
            }
        }
    }

    private static void resampleRow(float[] in, int inAt, ResampleAxis axis, float[] out, int outAt) {
        int[] first = axis.first;
        int[] taps = axis.taps;
        double[] weights = axis.weights;
        for (int i = 0; i < first.length; i++) {
            int from = inAt + first[i];
            int w = i * axis.stride;
            double sum = 0;
            for (int k = 0; k < taps[i]; k++) {
                sum += weights[w + k] * in[from + k];
            }
            out[outAt + i] = (float) sum;
        }
    }

    /** Writes each plane in tensor order, reordered and normalised. */
    private static float[] normalise(double[] sums, Preprocessing p, int height, int width) {
        int channels = p.channels();
        boolean reverse = p.channelOrder() == ChannelOrder.BGR;
        int planeSize = height * width;
        float[] out = new float[sums.length];
        for (int c = 0; c < channels; c++) {
            int plane = reverse ? channels - 1 - c : c;
            float mean = p.meanOf(plane);
            float std = p.stdOf(plane);
            for (int i = 0; i < planeSize; i++) {
                out[plane * planeSize + i] = ((float) sums[c * planeSize + i] - mean) / std;
            }
        }
        return out;
    }
}
