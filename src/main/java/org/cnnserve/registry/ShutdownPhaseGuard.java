package org.cnnserve.registry;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.cnnserve.serving.ServingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.LifecycleProcessor;
import org.springframework.context.event.EventListener;
import org.springframework.context.support.DefaultLifecycleProcessor;
import org.springframework.stereotype.Component;

/**
 * Keeps the graceful shutdown phase at least as long as the longest request a loaded model may
 * run, plus a margin. Otherwise SIGTERM cuts requests the service has accepted: resnet50 allows
 * 60 s while the phase was 40 s. The phase is widened, with a warning, rather than the models'
 * timeouts shortened: a timeout is part of a model's contract with its clients.
 */
@Component
class ShutdownPhaseGuard {

    /** Time past the longest request for the answer to be written and the drain to finish. */
    static final Duration MARGIN = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(ShutdownPhaseGuard.class);

    private final ModelRegistry registry;
    private final ServingProperties serving;
    private final LifecycleProcessor lifecycle;
    private final Duration configured;

    ShutdownPhaseGuard(ModelRegistry registry, ServingProperties serving, LifecycleProcessor lifecycle,
                       @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration configured) {
        this.registry = registry;
        this.serving = serving;
        this.lifecycle = lifecycle;
        this.configured = configured;
    }

    /** Runs once the registry has read every model's configuration. */
    @EventListener(ApplicationReadyEvent.class)
    void widenIfNeeded() {
        Stream<Duration> timeouts = registry.models().stream()
                .map(model -> registry.config(model.name()).map(ModelConfig::requestTimeout).orElse(null))
                .map(timeout -> timeout == null ? serving.requestTimeout() : timeout);
        widened(configured, Stream.concat(Stream.of(serving.requestTimeout()), timeouts)).ifPresent(phase -> {
            log.warn("spring.lifecycle.timeout-per-shutdown-phase is {}, shorter than the longest request timeout plus"
                    + " {}; using {} so that shutdown does not cut accepted requests", configured, MARGIN, phase);
            if (lifecycle instanceof DefaultLifecycleProcessor processor) {
                processor.setTimeoutPerShutdownPhase(phase.toMillis());
            }
        });
    }

    /** @return the phase needed when {@code configured} is shorter than the longest timeout plus the margin */
    static Optional<Duration> widened(Duration configured, Stream<Duration> requestTimeouts) {
        Duration needed = requestTimeouts.max(Duration::compareTo).orElse(Duration.ZERO).plus(MARGIN);
        return needed.compareTo(configured) > 0 ? Optional.of(needed) : Optional.empty();
    }
}
