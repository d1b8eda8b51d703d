package org.cnnserve.imaging;

import java.util.Arrays;
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
 * needed source row is composited, converted and resized horizontally into a small
 * intermediate, which is then resized vertically, so memory stays near C * sourceHeight *
 * width floats on top of the output.
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
                fullH = (int) Math.round((double) srcH * shorter / srcW);
            } else {
                fullH = shorter;
                fullW = (int) Math.round((double) srcW * shorter / srcH);
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
        int rowStart = rows.lowestInput();
        int rowCount = rows.inputEnd() - rowStart;
        float[] horizontal = new float[channels * rowCount * width];
        float[] planes = new float[channels * srcW];
        for (int r = 0; r < rowCount; r++) {
            RowConverter.convert(image, rowStart + r, p, planes);
            for (int c = 0; c < channels; c++) {
                resampleRow(planes, c * srcW, columns, horizontal, (c * rowCount + r) * width);
            }
        }
        return vertical(horizontal, rowStart, rowCount, rows, p, height, width);
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

    /** Resizes the columns, then writes each plane in tensor order, normalised. */
    private static float[] vertical(float[] in, int rowStart, int rowCount, ResampleAxis rows,
                                    Preprocessing p, int height, int width) {
        int channels = p.channels();
        boolean reverse = p.channelOrder() == ChannelOrder.BGR;
        float[] out = new float[channels * height * width];
        double[] sums = new double[width];
        for (int c = 0; c < channels; c++) {
            int plane = reverse ? channels - 1 - c : c;
            float mean = p.meanOf(plane);
            float std = p.stdOf(plane);
            for (int y = 0; y < height; y++) {
                Arrays.fill(sums, 0);
                int w = y * rows.stride;
                for (int k = 0; k < rows.taps[y]; k++) {
                    double weight = rows.weights[w + k];
                    int at = (c * rowCount + rows.first[y] + k - rowStart) * width;
                    for (int x = 0; x < width; x++) {
                        sums[x] += weight * in[at + x];
                    }
                }
                int at = (plane * height + y) * width;
                for (int x = 0; x < width; x++) {
                    out[at + x] = ((float) sums[x] - mean) / std;
                }
            }
        }
        return out;
    }
}
