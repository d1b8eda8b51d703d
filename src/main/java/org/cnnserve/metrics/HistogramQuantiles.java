package org.cnnserve.metrics;

import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.concurrent.TimeUnit;

/**
 * Quantiles from a timer's cumulative bucket counts, interpolated linearly inside the bucket that
 * holds the rank, as Prometheus's {@code histogram_quantile} does: the page then shows what a
 * Grafana panel over the same meters would.
 */
final class HistogramQuantiles {

    private HistogramQuantiles() {
    }

    /** The {@code q} quantile in milliseconds; {@code null} when nothing was recorded. */
    static Double millis(HistogramSnapshot snapshot, double q) {
        if (q < 0 || q > 1) {
            throw new IllegalArgumentException("a quantile must be between 0 and 1, was " + q);
        }
        long count = snapshot.count();
        CountAtBucket[] buckets = snapshot.histogramCounts();
        if (count == 0 || buckets.length == 0) {
            return null;
        }
        double rank = q * count;
        double lowerBound = 0;
        double below = 0;
        for (CountAtBucket bucket : buckets) {
            double upperBound = bucket.bucket(TimeUnit.MILLISECONDS);
            if (bucket.count() >= rank) {
                double inBucket = bucket.count() - below;
                double fraction = inBucket == 0 ? 1 : (rank - below) / inBucket;
                return lowerBound + (upperBound - lowerBound) * fraction;
            }
            lowerBound = upperBound;
            below = bucket.count();
        }
        // Above the last bucket: the largest value seen is the best bound there is.
        return snapshot.max(TimeUnit.MILLISECONDS);
    }
}
