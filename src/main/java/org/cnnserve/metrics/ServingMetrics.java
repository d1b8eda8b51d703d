package org.cnnserve.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.cnnserve.serving.BatchListener;
import org.cnnserve.serving.Scheduler;
import org.cnnserve.serving.ServingObserver;
import org.springframework.stereotype.Component;

/**
 * Per model and version: batch sizes formed, time requests wait in the queue, compute time per
 * batch, and the queue depth and requests in flight. Histogram buckets span LeNet's sub-millisecond
 * passes to VGG's seconds.
 */
@Component
class ServingMetrics implements ServingObserver {

    private static final Duration MIN = RequestMetrics.MIN;
    private static final Duration MAX = RequestMetrics.MAX;

    private static final List<String> SCHEDULER_GAUGES = List.of("cnnserve.queue.depth", "cnnserve.inflight",
            "cnnserve.queue.capacity");

    private final MeterRegistry meters;
    private final Map<Scheduler, List<Meter>> schedulerGauges = new ConcurrentHashMap<>();

    ServingMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public BatchListener batchListener(String model, int version) {
        Tags tags = Tags.of("model", model, "version", Integer.toString(version));
        DistributionSummary batchSize = DistributionSummary.builder("cnnserve.batch.size")
                .description("Images per forward pass").baseUnit("images").tags(tags)
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128).register(meters);
        Timer queueWait = Timer.builder("cnnserve.queue.wait").description("Time a request waits to be dispatched")
                .tags(tags).publishPercentileHistogram().minimumExpectedValue(MIN).maximumExpectedValue(MAX)
                .register(meters);
        Timer compute = Timer.builder("cnnserve.batch.compute").description("Forward pass time per batch")
                .tags(tags).publishPercentileHistogram().minimumExpectedValue(MIN).maximumExpectedValue(MAX)
                .register(meters);
        return new BatchListener() {
            @Override
            public void batchDispatched(int size) {
                batchSize.record(size);
            }

            @Override
            public void queueWait(long nanos) {
                queueWait.record(nanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void batchCompleted(int size, long computeNanos, boolean failed) {
                compute.record(computeNanos, TimeUnit.NANOSECONDS);
            }
        };
    }

    @Override
    public void schedulerStarted(String model, int version, Scheduler scheduler) {
        Tags tags = Tags.of("model", model, "version", Integer.toString(version));
        // A version loaded again replaces the gauges of its previous scheduler, which a gauge would keep reading.
        SCHEDULER_GAUGES.forEach(name -> {
            Gauge previous = meters.find(name).tags(tags).gauge();
            if (previous != null) {
                meters.remove(previous);
            }
        });
        List<Meter> gauges = List.of(
                Gauge.builder("cnnserve.queue.depth", scheduler, Scheduler::queueDepth)
                        .description("Requests waiting to be dispatched").tags(tags).register(meters),
                Gauge.builder("cnnserve.inflight", scheduler, Scheduler::inFlight)
                        .description("Requests in dispatched batches not yet answered").tags(tags).register(meters),
                Gauge.builder("cnnserve.queue.capacity", scheduler, Scheduler::queueCapacity)
                        .description("Most requests the queue holds; one more is answered 429").tags(tags)
                        .register(meters));
        schedulerGauges.put(scheduler, gauges);
    }

    /** An unloaded version's scheduler gauges go, unless a newer scheduler of the same version took them over. */
    @Override
    public void schedulerRetired(String model, int version, Scheduler scheduler) {
        List<Meter> gauges = schedulerGauges.remove(scheduler);
        if (gauges != null) {
            gauges.stream().filter(g -> meters.find(g.getId().getName()).tags(g.getId().getTags()).gauge() == g)
                    .forEach(meters::remove);
        }
    }
}
