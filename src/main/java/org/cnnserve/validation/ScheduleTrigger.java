package org.cnnserve.validation;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.cnnserve.registry.ModelConfig;
import org.cnnserve.registry.ModelRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs every {@code validation.every_minutes} of a model's config (trigger {@code schedule}): each
 * tick queues every version the model has then. A tick the queue refuses is logged and skipped;
 * the next one tries again.
 */
final class ScheduleTrigger {

    private static final Logger log = LoggerFactory.getLogger(ScheduleTrigger.class);

    private final ModelRegistry registry;
    private final JobWork work;
    private final ValidationQueue queue;
    private final ScheduledExecutorService timer;

    /** @param timer runs the ticks; shut down by {@link #stop} */
    ScheduleTrigger(ModelRegistry registry, JobWork work, ValidationQueue queue, ScheduledExecutorService timer) {
        this.registry = registry;
        this.work = work;
        this.queue = queue;
        this.timer = timer;
    }

    /** Starts the model's ticks, the first one period after now, if its config asks for them. */
    void schedule(String model, ModelConfig.Validation config) {
        if (config.dataset() != null && config.everyMinutes() > 0) {
            timer.scheduleAtFixedRate(() -> tick(model, config), config.everyMinutes(), config.everyMinutes(),
                    TimeUnit.MINUTES);
        }
    }

    void stop() {
        timer.shutdownNow();
    }

    private void tick(String model, ModelConfig.Validation config) {
        registry.model(model).ifPresent(status -> status.versions().forEach(version -> {
            try {
                ValidationJob job = work.newJob(model, version.version(), config.dataset(), config.limit(), 0,
                        "schedule");
                queue.submit(job, work.whenReady(job, version.version()));
            } catch (RuntimeException e) {
                log.warn("scheduled validation of {} version {} not queued: {}", model, version.version(),
                        e.getMessage());
            }
        }));
    }
}
