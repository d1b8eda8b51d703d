package org.cnnserve.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.cnnserve.classify.RequestOutcome;
import org.cnnserve.serving.BatchListener;
import org.junit.jupiter.api.Test;

/** Latency and throughput as the page shows them, read back from the meters the service records. */
class ServingStatsTests {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** The service's own registry: a simple one keeps no histogram buckets for percentiles. */
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ManualClock clock = new ManualClock();
    private final ServingStats stats = new ServingStats(meters, clock);
    private final RequestMetrics requests = new RequestMetrics(meters);

    @Test
    void aVersionNobodyAskedHasNoFiguresYet() {
        VersionStats s = stats.of("lenet", 1);
        assertThat(s.requests()).isZero();
        assertThat(s.p50Ms()).isNull();
        assertThat(s.p99Ms()).isNull();
        assertThat(s.forwardPassMs()).isNull();
        assertThat(s.imagesPerSecond()).isNull();
        assertThat(s.requestsPerSecond()).isNull();
    }

    @Test
    void percentilesComeFromSuccessfulRequestsOnly() {
        for (int i = 0; i < 98; i++) {
            requests.finished("lenet", 1, RequestOutcome.SUCCESS, TimeUnit.MILLISECONDS.toNanos(5));
        }
        requests.finished("lenet", 1, RequestOutcome.SUCCESS, TimeUnit.MILLISECONDS.toNanos(400));
        requests.finished("lenet", 1, RequestOutcome.SUCCESS, TimeUnit.MILLISECONDS.toNanos(400));
        requests.finished("lenet", 1, RequestOutcome.FAILED, TimeUnit.SECONDS.toNanos(30));

        VersionStats s = stats.of("lenet", 1);
        assertThat(s.requests()).isEqualTo(100);
        // Estimated within the histogram bucket holding the rank, as histogram_quantile would.
        assertThat(s.p50Ms()).isBetween(4.0, 6.0);
        assertThat(s.p99Ms()).isBetween(300.0, 450.0);
    }

    @Test
    void throughputWhileBusyIsImagesPerSecondOfForwardPassTime() {
        BatchListener listener = new ServingMetrics(meters).batchListener("lenet", 1);
        listener.batchDispatched(8);
        listener.batchCompleted(8, TimeUnit.MILLISECONDS.toNanos(10), false);
        listener.batchDispatched(2);
        listener.batchCompleted(2, TimeUnit.MILLISECONDS.toNanos(10), false);

        VersionStats s = stats.of("lenet", 1);
        assertThat(s.forwardPassMs()).isCloseTo(10.0, within(1e-9));
        assertThat(s.meanBatchSize()).isCloseTo(5.0, within(1e-9));
        assertThat(s.imagesPerSecond()).isCloseTo(500.0, within(1e-9));
    }

    @Test
    void requestsPerSecondIsTheRecentRateBetweenReadings() {
        assertThat(stats.of("lenet", 1).requestsPerSecond()).isNull();
        for (int i = 0; i < 20; i++) {
            requests.finished("lenet", 1, RequestOutcome.SUCCESS, 1_000_000);
        }
        clock.now = clock.now.plus(Duration.ofSeconds(10));
        assertThat(stats.of("lenet", 1).requestsPerSecond()).isCloseTo(2.0, within(1e-9));

        // Past the window the oldest readings no longer count: an idle minute reads as zero.
        clock.now = clock.now.plus(Duration.ofSeconds(61));
        stats.of("lenet", 1);
        clock.now = clock.now.plus(Duration.ofSeconds(5));
        assertThat(stats.of("lenet", 1).requestsPerSecond()).isCloseTo(0.0, within(1e-9));
    }
}
