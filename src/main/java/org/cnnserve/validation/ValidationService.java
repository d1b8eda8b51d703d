package org.cnnserve.validation;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.cnnserve.datasets.DatasetCatalog;
import org.cnnserve.registry.ModelConfig;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.registry.ModelStatus;
import org.cnnserve.registry.VersionStatus;
import org.springframework.context.SmartLifecycle;

/**
 * Validation as the API and the application's lifecycle see it. Jobs run one at a time in a
 * {@link ValidationQueue}; they come from the API ({@link RequestTrigger}), from versions found at
 * start-up (a model config's {@code validation.at_load}, {@link LoadTrigger}) and from a schedule
 * ({@code validation.every_minutes}, {@link ScheduleTrigger}).
 */
public class ValidationService implements SmartLifecycle {

    /** How long stopping waits for the running job to end once asked to cancel. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final ModelRegistry registry;
    private final DatasetCatalog datasets;
    private final ValidationResults results;
    private final ValidationObserver observer;
    private final ValidationQueue queue;
    private final RequestTrigger requests;
    private final LoadTrigger atLoad;
    private final ScheduleTrigger schedule;

    /**
     * @param worker runs the jobs, one at a time; shut down when the service stops
     * @param timer  runs the schedule's ticks; shut down when the service stops
     */
    public ValidationService(ModelRegistry registry, DatasetCatalog datasets, ValidationProperties properties,
                             ValidationObserver observer, Clock clock, ExecutorService worker,
                             ScheduledExecutorService timer) {
        this.registry = registry;
        this.datasets = datasets;
        this.observer = observer;
        this.results = new ValidationResults(properties.resultsDirectory() != null ? properties.resultsDirectory()
                : registry.repository(), registry.repository(), observer);
        this.queue = new ValidationQueue(properties.maxQueuedJobs(), properties.keepJobs(), worker, STOP_GRACE);
        var readiness = new ReadinessWait(registry, Duration.ofMillis(200), properties.readyTimeout(), clock);
        JobWork work = new JobWork(registry, datasets, results, readiness,
                properties.window(), clock);
        this.requests = new RequestTrigger(registry, datasets, work, queue);
        this.atLoad = new LoadTrigger(properties.runAtLoad(), results, work, queue);
        this.schedule = new ScheduleTrigger(registry, work, queue, timer);
    }

    /**
     * Queues a validation of a READY model version on a data set.
     *
     * @param version a version number, or {@code null} for the model's default version
     * @param limit   images to use from the start of the data set; {@code null} or 0: all
     * @throws org.cnnserve.datasets.DatasetException for an unknown or unreadable data set, or classes the model
     *                                                does not have; registry exceptions for the model
     */
    public JobStatus submit(String model, String version, String dataset, Integer limit) {
        return requests.submit(model, version, dataset, limit);
    }

    public Optional<JobStatus> job(String id) {
        return queue.job(id);
    }

    /** Every job still remembered, the most recent first. */
    public List<JobStatus> jobs() {
        return queue.jobs();
    }

    /** The stored reports of a model, one per version and data set. */
    public List<ValidationReport> reports(String model) {
        return results.forModel(model);
    }

    /** The data sets jobs can use. */
    public List<String> datasets() {
        return datasets.names();
    }

    @Override
    public void start() {
        results.load();
        queue.start();
        List<ModelStatus> models = registry.models();
        List<ReadinessWait.Key> startUp = new ArrayList<>();
        for (ModelStatus model : models) {
            for (VersionStatus version : model.versions()) {
                startUp.add(new ReadinessWait.Key(model.name(), version.version()));
            }
        }
        for (ModelStatus model : models) {
            Optional<ModelConfig> config = registry.config(model.name());
            if (config.isEmpty()) {
                continue;
            }
            ModelConfig.Validation v = config.get().validation();
            for (VersionStatus version : model.versions()) {
                if (v.minTop1() != null) {
                    observer.accuracyFloor(model.name(), version.version(), v.minTop1());
                }
                atLoad.versionFound(model.name(), version.version(), v, startUp);
            }
            schedule.schedule(model.name(), v);
        }
    }

    /** Cancels every job; the running one stops sending images and ends CANCELLED once its images are answered. */
    @Override
    public void stop() {
        schedule.stop();
        queue.stop();
    }

    @Override
    public boolean isRunning() {
        return queue.isRunning();
    }

    /** Starts after the registry and stops before it, so that a job never outlives its model's scheduler. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 3072;
    }
}
