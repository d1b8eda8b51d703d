package org.cnnserve.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.cnnserve.validation.ValidationObserver;
import org.cnnserve.validation.ValidationReport;
import org.springframework.stereotype.Component;

/**
 * Accuracy as a live metric: per model, version and data set, the latest validation's top-1 and
 * top-5, its throughput and when it finished; and each model's configured top-1 floor, for alerts.
 */
@Component
class ValidationMetrics implements ValidationObserver {

    private record Key(String model, int version, String dataset) {
    }

    private final MeterRegistry meters;
    private final Map<Key, ValidationReport> latest = new ConcurrentHashMap<>();

    ValidationMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void reportStored(ValidationReport report) {
        Key key = new Key(report.model(), report.version(), report.dataset());
        if (latest.put(key, report) == null) {
            Tags tags = Tags.of("model", key.model, "version", Integer.toString(key.version), "dataset", key.dataset);
            gauge("cnnserve.model.accuracy.top1", "Top-1 accuracy of the latest validation", tags, key,
                    ValidationReport::top1);
            gauge("cnnserve.model.accuracy.top5", "Top-5 accuracy of the latest validation", tags, key,
                    ValidationReport::top5);
            gauge("cnnserve.validation.images.per.second", "Images per second of the latest validation", tags, key,
                    ValidationReport::imagesPerSecond);
            gauge("cnnserve.validation.last.timestamp.seconds", "When the latest validation finished, in Unix seconds",
                    tags, key, r -> r.finishedAt().toEpochMilli() / 1e3);
        }
    }

    @Override
    public void accuracyFloor(String model, int version, double floor) {
        Gauge.builder("cnnserve.model.accuracy.floor", () -> floor)
                .description("The top-1 accuracy the model's config asks it to keep (validation.min_top1)")
                .tags("model", model, "version", Integer.toString(version)).register(meters);
    }

    private void gauge(String name, String description, Tags tags, Key key, ToDoubleFunction<ValidationReport> value) {
        Gauge.builder(name, () -> value.applyAsDouble(latest.get(key))).description(description).tags(tags)
                .register(meters);
    }
}
