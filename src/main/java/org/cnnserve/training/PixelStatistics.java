package org.cnnserve.training;

import org.cnnserve.datasets.IdxImages;

/** Mean and standard deviation of a data set's pixels scaled to [0, 1], for a new model's preprocessing. */
final class PixelStatistics {

    private PixelStatistics() {
    }

    /** @return {mean, standard deviation} */
    static double[] of(IdxImages images) {
        long n = (long) images.count() * images.rows() * images.cols();
        double sum = 0;
        double squares = 0;
        for (byte b : images.pixels()) {
            double v = (b & 0xff) / 255.0;
            sum += v;
            squares += v * v;
        }
        double mean = sum / n;
        return new double[] {mean, Math.sqrt(squares / n - mean * mean)};
    }
}
