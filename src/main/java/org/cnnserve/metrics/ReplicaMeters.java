package org.cnnserve.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cnnserve.serving.Device;
import org.cnnserve.serving.ReplicaListener;
import org.cnnserve.serving.Scheduler;

/**
 * Per replica of a model version: how often it was rebuilt after a failed batch, and how much of the
 * time it held a batch. The busy seconds only grow, so {@code rate()} of them is the replica's
 * utilisation (0 to 1) over any window: the saturation signal to scale on. The ratio gauge is the same
 * over the last minute or so, for readers without Prometheus.
 */
final class ReplicaMeters {

    private record Key(String model, int version, int replica) {
    }

    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<Key, Device> devices = new ConcurrentHashMap<>();

    ReplicaMeters(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    ReplicaListener replicaStarting(String model, int version, int replica, Device device) {
        devices.put(new Key(model, version, replica), device);
        Counter succeeded = rebuilds(model, version, replica, device, "success");
        Counter failed = rebuilds(model, version, replica, device, "failure");
        return new ReplicaListener() {
            @Override
            public void rebuilt(boolean ok) {
                (ok ? succeeded : failed).increment();
            }
        };
    }

    /**
     * The replicas' busy time as the scheduler measures it; a replica started without a device reads
     * "unknown". Replaces the meters an earlier scheduler of the version registered (a reload), which
     * would keep reading that one.
     *
     * @return the meters registered, which read {@code scheduler}
     */
    List<Meter> schedulerStarted(String model, int version, Scheduler scheduler) {
        List<Meter> registered = new ArrayList<>();
        for (int i = 0; i < scheduler.replicas(); i++) {
            int replica = i;
            Device device = devices.get(new Key(model, version, replica));
            Tags tags = tags(model, version, replica, device == null ? "unknown" : device.toString());
            Tags replicaTags = Tags.of("model", model, "version", Integer.toString(version), "replica",
                    Integer.toString(replica));
            ServingMetrics.removePrevious(meters, "cnnserve.replica.busy", replicaTags);
            ServingMetrics.removePrevious(meters, "cnnserve.replica.busy.ratio", replicaTags);
            registered.add(FunctionCounter.builder("cnnserve.replica.busy", scheduler, s -> s.busyNanos(replica) / 1e9)
                    .description("Time the replica held a batch, from dispatch to answer; its rate is the "
                            + "replica's utilisation").baseUnit("seconds").tags(tags).register(meters));
            RecentRate rate = new RecentRate(clock);
            registered.add(Gauge.builder("cnnserve.replica.busy.ratio",
                            () -> ratio(rate, scheduler.busyNanos(replica) / 1e9))
                    .description("Share of the last minute or so the replica held a batch, 0 to 1")
                    .tags(tags).register(meters));
        }
        return registered;
    }

    private Counter rebuilds(String model, int version, int replica, Device device, String result) {
        return Counter.builder("cnnserve.replica.rebuilds")
                .description("Replicas thrown away after a failed batch and built again, by result")
                .tags(tags(model, version, replica, device.toString()).and("result", result)).register(meters);
    }

    private static double ratio(RecentRate rate, double busySeconds) {
        Double perSecond = rate.read(busySeconds);
        // The busy time and the wall clock are read a moment apart; never report more than all the time.
        return perSecond == null ? Double.NaN : Math.min(1.0, perSecond);
    }

    private static Tags tags(String model, int version, int replica, String device) {
        return Tags.of("model", model, "version", Integer.toString(version), "replica", Integer.toString(replica),
                "device", device);
    }
}
