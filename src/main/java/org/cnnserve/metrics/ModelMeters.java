package org.cnnserve.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.cnnserve.registry.LoadMemory;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.registry.ModelState;
import org.cnnserve.registry.ModelStatus;
import org.cnnserve.registry.VersionStatus;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What each model version is and costs, per model and version: its state, load time, parameter and
 * activation memory, multiply-adds per image, and the resident memory its load added. The gauges
 * read the registry's status when scraped, so they follow a version from LOADING to READY or FAILED.
 */
@Component
class ModelMeters {

    private final ModelRegistry registry;
    private final MeterRegistry meters;

    ModelMeters(ModelRegistry registry, MeterRegistry meters) {
        this.registry = registry;
        this.meters = meters;
    }

    /** The registry knows its versions once it has started, which is before the application has. */
    @EventListener(ApplicationStartedEvent.class)
    void registerVersions() {
        for (ModelStatus model : registry.models()) {
            for (VersionStatus version : model.versions()) {
                register(model.name(), version.version());
            }
        }
    }

    void register(String model, int version) {
        Tags tags = Tags.of("model", model, "version", Integer.toString(version));
        for (ModelState state : ModelState.values()) {
            gauge("cnnserve.model.state", "1 for the version's current state, 0 for the others",
                    tags.and("state", state.name().toLowerCase(Locale.ROOT)), model, version,
                    s -> s.state() == state ? 1 : 0);
        }
        gauge("cnnserve.model.load.seconds", "Time the version took to load and warm up", tags, model, version,
                s -> s.loadMillis() == 0 ? Double.NaN : s.loadMillis() / 1e3);
        gauge("cnnserve.model.parameter.bytes", "Parameters and BatchNorm buffers at fp32", tags, model, version,
                s -> loadedOrNaN(s, s.parameterBytes()));
        gauge("cnnserve.model.activation.bytes", "One image's forward-pass values at fp32, from the architecture "
                + "analysis", tags, model, version, s -> loadedOrNaN(s, s.activationBytes()));
        gauge("cnnserve.model.macs", "Multiply-adds per image, from the architecture analysis", tags, model, version,
                s -> loadedOrNaN(s, s.macs()));
        gauge("cnnserve.model.offheap.bytes", "Growth of the process's resident memory across the version's load "
                + "and warm-up (loads run one at a time)", tags, model, version, ModelMeters::loadGrowth);
    }

    private void gauge(String name, String description, Tags tags, String model, int version,
                       ToDoubleFunction<VersionStatus> value) {
        Gauge.builder(name, () -> registry.version(model, version).map(value::applyAsDouble).orElse(Double.NaN))
                .description(description).tags(tags).register(meters);
    }

    private static double loadedOrNaN(VersionStatus status, long value) {
        return status.weights() == null ? Double.NaN : value;
    }

    private static double loadGrowth(VersionStatus status) {
        LoadMemory load = status.load();
        return load == null ? Double.NaN : load.growthBytes();
    }
}
