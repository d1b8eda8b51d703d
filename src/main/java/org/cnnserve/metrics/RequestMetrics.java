package org.cnnserve.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.cnnserve.classify.Rejection;
import org.cnnserve.classify.RequestObserver;
import org.cnnserve.classify.RequestOutcome;
import org.springframework.stereotype.Component;

/**
 * Classify requests per model, version and outcome: a count and the end-to-end latency, the
 * time decoding and preprocessing took, and refusals by reason. Buckets span LeNet's sub-millisecond work to VGG's seconds.
 */
@Component
class RequestMetrics implements RequestObserver {

    static final Duration MIN = Duration.ofMillis(1).dividedBy(10);
    static final Duration MAX = Duration.ofSeconds(60);

    private final MeterRegistry meters;

    RequestMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void preprocessed(String model, int version, long nanos) {
        Timer.builder("cnnserve.preprocess").description("Decoding and preprocessing one image")
                .tags("model", model, "version", Integer.toString(version))
                .publishPercentileHistogram().minimumExpectedValue(MIN).maximumExpectedValue(MAX)
                .register(meters).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void rejected(String model, int version, Rejection reason) {
        rejections(meters, model, version, reason).increment();
    }

    static Counter rejections(MeterRegistry meters, String model, int version, Rejection reason) {
        return Counter.builder("cnnserve.rejections")
                .description("Requests refused rather than answered, by reason: queue_full (429), not_ready, "
                        + "stopping, decode_budget (503), deadline (504)")
                .tags("model", model, "version", Integer.toString(version), "reason", reason.tag())
                .register(meters);
    }

    @Override
    public void finished(String model, int version, RequestOutcome outcome, long nanos) {
        String v = Integer.toString(version);
        Counter.builder("cnnserve.requests").description("Classify requests by outcome")
                .tags("model", model, "version", v, "outcome", outcome.tag()).register(meters).increment();
        Timer.builder("cnnserve.request").description("Classify request from its body read to its answer")
                .tags("model", model, "version", v, "outcome", outcome.tag())
                .publishPercentileHistogram().minimumExpectedValue(MIN).maximumExpectedValue(MAX)
                .register(meters).record(nanos, TimeUnit.NANOSECONDS);
    }
}
