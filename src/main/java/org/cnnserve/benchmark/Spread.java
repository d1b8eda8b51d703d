package org.cnnserve.benchmark;

import java.util.Arrays;
import java.util.Locale;

/** The median of repeated measurements with their smallest and largest, so a reader sees the noise. */
record Spread(double median, double min, double max) {

    static Spread of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a spread needs at least one value");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(median, sorted[0], sorted[n - 1]);
    }

    /** Every value times {@code factor}; for a ratio of spreads, use the medians. */
    Spread times(double factor) {
        return new Spread(median * factor, min * factor, max * factor);
    }

    /** "median (min-max)" with {@code decimals} decimals, as the bench tables print it. */
    String format(int decimals) {
        String number = "%." + decimals + "f";
        return String.format(Locale.ROOT, number + " (" + number + "–" + number + ")", median, min, max);
    }
}
