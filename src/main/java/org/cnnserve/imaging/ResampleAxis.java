package org.cnnserve.imaging;

/**
 * Precomputed filter taps for resampling one axis, PIL-style antialiased bilinear.
 *
 * <p>Output pixel i of a full output of {@code fullSize} pixels has its centre at
 * (i + 0.5) * scale in input coordinates (pixel centres aligned, scale = in / full). The
 * triangle filter has support 1 when upscaling (plain bilinear) and is widened by the scale
 * when downscaling, so every input pixel contributes (antialiasing). The window is clamped to
 * the image and the weights renormalised, as PIL does, rather than reading past the edge.
 * Only the outputs from {@code offset} to {@code offset + count} are computed, which is how
 * a centre crop is taken without resizing the whole image first.
 */
final class ResampleAxis {

    /** First input index of each output's window. */
    final int[] first;
    /** Number of taps of each output's window. */
    final int[] taps;
    /** Weights, {@link #stride} per output, summing to 1. */
    final double[] weights;
    final int stride;

    private ResampleAxis(int[] first, int[] taps, double[] weights, int stride) {
        this.first = first;
        this.taps = taps;
        this.weights = weights;
        this.stride = stride;
    }

    /**
     * @param inSize   input length
     * @param fullSize length of the whole resized axis
     * @param offset   first output index wanted (the crop offset)
     * @param count    number of outputs wanted
     */
    static ResampleAxis of(int inSize, int fullSize, int offset, int count) {
        double scale = (double) inSize / fullSize;
        double filterScale = Math.max(scale, 1.0);
        double support = filterScale;
        int stride = (int) Math.ceil(support) * 2 + 1;
        int[] first = new int[count];
        int[] taps = new int[count];
        double[] weights = new double[count * stride];
        double[] window = new double[stride + 1];
        for (int i = 0; i < count; i++) {
            double centre = (i + offset + 0.5) * scale;
            // (int) truncates toward zero, like PIL's C cast; the max() fixes negatives.
            int lo = Math.max((int) (centre - support + 0.5), 0);
            int hi = Math.min((int) (centre + support + 0.5), inSize);
            double total = 0;
            for (int x = lo; x < hi; x++) {
                double weight = triangle((x - centre + 0.5) / filterScale);
                window[x - lo] = weight;
                total += weight;
            }
            // Drop zero-weight ends so an unscaled axis is a plain copy (one tap, weight 1).
            int start = 0;
            int end = hi - lo;
            while (start < end && window[start] == 0) {
                start++;
            }
            while (end > start && window[end - 1] == 0) {
                end--;
            }
            if (start == end) {
                // Unreachable for sane sizes; keep the nearest pixel rather than emit black.
                first[i] = Math.min(Math.max((int) centre, 0), inSize - 1);
                taps[i] = 1;
                weights[i * stride] = 1;
                continue;
            }
            first[i] = lo + start;
            taps[i] = end - start;
            for (int k = start; k < end; k++) {
                weights[i * stride + k - start] = window[k] / total;
            }
        }
        return new ResampleAxis(first, taps, weights, stride);
    }

    private static double triangle(double x) {
        double distance = Math.abs(x);
        return distance < 1 ? 1 - distance : 0;
    }

    /** @return the lowest input index any output reads */
    int lowestInput() {
        int lowest = Integer.MAX_VALUE;
        for (int f : first) {
            lowest = Math.min(lowest, f);
        }
        return lowest;
    }

    /** @return one past the highest input index any output reads */
    int inputEnd() {
        int end = 0;
        for (int i = 0; i < first.length; i++) {
            end = Math.max(end, first[i] + taps[i]);
        }
        return end;
    }
}
