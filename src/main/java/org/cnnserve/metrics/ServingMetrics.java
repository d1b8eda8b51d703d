package org.cnnserve.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.cnnserve.classify.Rejection;
import org.cnnserve.serving.BatchListener;
import org.cnnserve.serving.Device;
import org.cnnserve.serving.ReplicaListener;
import org.cnnserve.serving.Scheduler;
import org.cnnserve.serving.ServingObserver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Per model and version: batch sizes formed, time requests wait in the queue, compute time per
 * batch, failed batches, and the queue depth and requests in flight; per replica, {@link ReplicaMeters}.
 * Histogram buckets span LeNet's sub-millisecond passes to VGG's seconds.
 */
@Component
class ServingMetrics implements ServingObserver {

    private static final Duration MIN = RequestMetrics.MIN;
    private static final Duration MAX = RequestMetrics.MAX;

    private static final List<String> SCHEDULER_GAUGES = List.of("cnnserve.queue.depth", "cnnserve.inflight",
            "cnnserve.queue.capacity");

    private final MeterRegistry meters;
    private final ReplicaMeters replicas;
    /** Each running scheduler's gauges and replica meters, which read it: removed when it retires. */
    private final Map<Scheduler, List<Meter>> schedulerMeters = new ConcurrentHashMap<>();

    @Autowired
    ServingMetrics(MeterRegistry meters) {
        this(meters, Clock.systemUTC());
    }

    ServingMetrics(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.replicas = new ReplicaMeters(meters, clock);
    }

    @Override
    public ReplicaListener replicaListener(String model, int version, int replica, Device device) {
        return replicas.replicaStarting(model, version, replica, device);
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
        Counter failures = Counter.builder("cnnserve.batch.failures")
                .description("Batches whose requests all failed (500): the model threw or answered wrongly")
                .tags(tags).register(meters);
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
                if (failed) {
                    failures.increment();
                }
            }
        };
    }

    @Override
    public void schedulerStarted(String model, int version, Scheduler scheduler) {
        Tags tags = Tags.of("model", model, "version", Integer.toString(version));
        // A version loaded again replaces the gauges of its previous scheduler, which a gauge would keep reading.
        SCHEDULER_GAUGES.forEach(name -> removePrevious(meters, name, tags));
        List<Meter> registered = new ArrayList<>(List.of(
                Gauge.builder("cnnserve.queue.depth", scheduler, Scheduler::queueDepth)
                        .description("Requests waiting to be dispatched").tags(tags).register(meters),
                Gauge.builder("cnnserve.inflight", scheduler, Scheduler::inFlight)
                        .description("Requests in dispatched batches not yet answered").tags(tags).register(meters),
                Gauge.builder("cnnserve.queue.capacity", scheduler, Scheduler::queueCapacity)
                        .description("Most requests the queue holds; one more is answered 429").tags(tags)
                        .register(meters)));
        // At zero from the start, so that rate() sees the first refusal of each reason.
        for (Rejection reason : Rejection.values()) {
            RequestMetrics.rejections(meters, model, version, reason);
        }
        registered.addAll(replicas.schedulerStarted(model, version, scheduler));
        schedulerMeters.put(scheduler, List.copyOf(registered));
    }

    /**
     * An unloaded version's scheduler gauges and replica busy meters go, unless a newer scheduler of the
     * same version took them over. Counters that do not read the scheduler (rejections, rebuilds) stay.
     */
    @Override
    public void schedulerRetired(String model, int version, Scheduler scheduler) {
        List<Meter> registered = schedulerMeters.remove(scheduler);
        if (registered != null) {
            registered.stream().filter(m -> meters.find(m.getId().getName()).tags(m.getId().getTags()).meter() == m)
                    .forEach(meters::remove);
        }
    }

    /** Removes what an earlier scheduler registered under {@code name} with {@code tags} (among others). */
    static void removePrevious(MeterRegistry meters, String name, Tags tags) {
        meters.find(name).tags(tags).meters().forEach(meters::remove);
    }
}
