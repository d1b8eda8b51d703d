package org.cnnserve.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.cnnserve.classify.RequestOutcome;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Latency and throughput of a model version, read from the meters {@link RequestMetrics} and
 * {@link ServingMetrics} record, so that the page and the scrape agree.
 */
@Component
public class ServingStats {

    private record Key(String model, int version) {
    }

    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<Key, RecentRate> rates = new ConcurrentHashMap<>();

    @Autowired
    ServingStats(MeterRegistry meters) {
        this(meters, Clock.systemUTC());
    }

    ServingStats(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    public VersionStats of(String model, int version) {
        String v = Integer.toString(version);
        Timer requests = meters.find("cnnserve.request")
                .tags("model", model, "version", v, "outcome", RequestOutcome.SUCCESS.tag()).timer();
        Timer compute = meters.find("cnnserve.batch.compute").tags("model", model, "version", v).timer();
        DistributionSummary batches = meters.find("cnnserve.batch.size").tags("model", model, "version", v).summary();

        long answered = requests == null ? 0 : requests.count();
        Double p50 = null;
        Double p99 = null;
        if (requests != null) {
            var snapshot = requests.takeSnapshot();
            p50 = HistogramQuantiles.millis(snapshot, 0.5);
            p99 = HistogramQuantiles.millis(snapshot, 0.99);
        }
        Double forwardPass = null;
        Double meanBatch = null;
        Double imagesPerSecond = null;
        if (compute != null && compute.count() > 0) {
            forwardPass = compute.mean(TimeUnit.MILLISECONDS);
            if (batches != null && batches.count() > 0) {
                meanBatch = batches.mean();
                double seconds = compute.totalTime(TimeUnit.NANOSECONDS) / 1e9;
                imagesPerSecond = seconds > 0 ? batches.totalAmount() / seconds : null;
            }
        }
        Double rate = rates.computeIfAbsent(new Key(model, version), k -> new RecentRate(clock)).read(answered);
        return new VersionStats(model, version, answered, p50, p99, forwardPass, meanBatch, imagesPerSecond, rate);
    }
}
