package org.cnnserve.validation;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cnnserve.datasets.DatasetCatalog;
import org.cnnserve.datasets.LabelMapping;
import org.cnnserve.datasets.LabelledImages;
import org.cnnserve.registry.ModelConfig;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.registry.ModelState;
import org.cnnserve.registry.ModelStatus;
import org.cnnserve.registry.ServedModel;
import org.cnnserve.registry.VersionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Accepts validation jobs and runs them one at a time on a thread of their own. Jobs come from the
 * API, from a version becoming READY (a model config's {@code validation.at_load}) and from a
 * schedule ({@code validation.every_minutes}).
 */
public class ValidationService implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ValidationService.class);

    private final ModelRegistry registry;
    private final DatasetCatalog datasets;
    private final ValidationResults results;
    private final ValidationProperties properties;
    private final ValidationObserver observer;
    private final ReadinessWait readiness;
    private final ValidationRunner runner;
    private final Clock clock;
    private final Map<String, ValidationJob> jobs = new LinkedHashMap<>(); // guarded by itself
    private final AtomicInteger waiting = new AtomicInteger();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(daemon("validation"));
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(
            daemon("validation-schedule"));
    private volatile boolean running;

    public ValidationService(ModelRegistry registry, DatasetCatalog datasets, ValidationProperties properties,
                             ValidationObserver observer, Clock clock) {
        this.registry = registry;
        this.datasets = datasets;
        this.properties = properties;
        this.observer = observer;
        this.clock = clock;
        this.results = new ValidationResults(properties.resultsDirectory() != null ? properties.resultsDirectory()
                : registry.repository(), observer);
        this.readiness = new ReadinessWait(registry, Duration.ofMillis(200));
        this.runner = new ValidationRunner(clock);
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
        if (dataset == null || dataset.isBlank()) {
            throw new ValidationRequestException(ValidationRequestException.Kind.INVALID,
                    "dataset is required: a data set folder name; there are " + datasets.names());
        }
        if (limit != null && limit < 0) {
            throw new ValidationRequestException(ValidationRequestException.Kind.INVALID,
                    "limit must be at least 0 (0: all images), was " + limit);
        }
        ServedModel served = registry.require(model, version);
        LabelledImages data = datasets.open(dataset);
        int[] mapping = LabelMapping.of(data, served.labels());
        int n = limit == null ? 0 : limit;
        ValidationJob job = newJob(model, served.version(), dataset, n, n == 0 ? data.size() : Math.min(n, data.size()),
                "api");
        enqueue(job, () -> run(job, served.version(), data, mapping));
        return job.status();
    }

    public Optional<JobStatus> job(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id)).map(ValidationJob::status);
        }
    }

    /** Every job still remembered, the most recent first. */
    public List<JobStatus> jobs() {
        List<JobStatus> all = new ArrayList<>();
        synchronized (jobs) {
            jobs.values().forEach(j -> all.add(0, j.status()));
        }
        return all;
    }

    /** The stored reports of a model, one per version and data set. */
    public List<ValidationReport> reports(String model) {
        return results.forModel(model);
    }

    /** The data sets jobs can use. */
    public List<String> datasets() {
        return datasets.names();
    }

    private ValidationJob newJob(String model, int version, String dataset, int limit, int total, String trigger) {
        return new ValidationJob(UUID.randomUUID().toString(), model, version, dataset, limit, total, trigger, clock);
    }

    private void enqueue(ValidationJob job, Runnable work) {
        if (!running) {
            throw new ValidationRequestException(ValidationRequestException.Kind.TOO_MANY_JOBS,
                    "the service is not running validation jobs: it is starting or stopping");
        }
        if (waiting.incrementAndGet() > properties.maxQueuedJobs() + 1) {
            waiting.decrementAndGet();
            throw new ValidationRequestException(ValidationRequestException.Kind.TOO_MANY_JOBS,
                    properties.maxQueuedJobs() + " validation jobs wait already (cnnserve.validation.max-queued-jobs)");
        }
        remember(job);
        worker.execute(() -> {
            try {
                work.run();
            } finally {
                waiting.decrementAndGet();
            }
        });
    }

    private void remember(ValidationJob job) {
        synchronized (jobs) {
            jobs.put(job.id, job);
            var finished = jobs.values().stream().filter(j -> j.state().finished()).toList();
            for (int i = 0; i < finished.size() - properties.keepJobs(); i++) {
                jobs.remove(finished.get(i).id);
            }
        }
    }

    private void run(ValidationJob job, int version, LabelledImages data, int[] mapping) {
        try {
            if (job.cancelRequested()) {
                job.ended(JobState.CANCELLED, "the service is stopping");
                return;
            }
            ServedModel served = registry.require(job.model, Integer.toString(version));
            int window = properties.window() > 0 ? properties.window() : served.maxBatchSize();
            ValidationReport report = runner.run(job, served, data, mapping, window);
            results.store(report);
            job.succeeded(report);
            log.info("validation {} of {} version {} on {}: top-1 {}, top-5 {} over {} images at {} images/s ({})",
                    job.id, job.model, version, job.dataset, String.format("%.4f", report.top1()),
                    String.format("%.4f", report.top5()), report.images(),
                    String.format("%.1f", report.imagesPerSecond()), job.trigger);
        } catch (ValidationRunner.Ended e) {
            job.ended(e.state, e.getMessage());
            log.warn("validation {} of {} version {} on {} {}: {}", job.id, job.model, version, job.dataset, e.state,
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            job.ended(JobState.CANCELLED, "the service is stopping");
        } catch (RuntimeException e) {
            job.ended(JobState.FAILED, e.getMessage() == null ? e.getClass().getName() : e.getMessage());
            log.warn("validation {} of {} version {} on {} FAILED: {}", job.id, job.model, version, job.dataset,
                    job.status().reason());
        }
    }

    /** A job for a version that may still be loading: it waits for READY, then opens its data set. */
    private void enqueueWhenReady(String model, int version, String dataset, int limit, String trigger) {
        ValidationJob job = newJob(model, version, dataset, limit, 0, trigger);
        enqueue(job, () -> {
            try {
                VersionStatus status = readiness.await(model, version, job::cancelRequested);
                if (job.cancelRequested()) {
                    job.ended(JobState.CANCELLED, "the service is stopping");
                    return;
                }
                if (status.state() != ModelState.READY) {
                    job.ended(JobState.FAILED, "version " + version + " is " + status.state()
                            + (status.reason() == null ? "" : ": " + status.reason()));
                    return;
                }
                LabelledImages data = datasets.open(dataset);
                int[] mapping = LabelMapping.of(data, registry.require(model, Integer.toString(version)).labels());
                run(job, version, data, mapping);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                job.ended(JobState.CANCELLED, "the service is stopping");
            } catch (RuntimeException e) {
                job.ended(JobState.FAILED, e.getMessage());
                log.warn("validation {} of {} version {} on {} FAILED: {}", job.id, model, version, dataset,
                        e.getMessage());
            }
        });
    }

    @Override
    public void start() {
        results.load();
        running = true;
        for (ModelStatus model : registry.models()) {
            Optional<ModelConfig> config = registry.config(model.name());
            if (config.isEmpty()) {
                continue;
            }
            ModelConfig.Validation v = config.get().validation();
            for (VersionStatus version : model.versions()) {
                if (v.minTop1() != null) {
                    observer.accuracyFloor(model.name(), version.version(), v.minTop1());
                }
                if (v.dataset() != null && properties.runAtLoad() && atLoad(v, model.name(), version.version())) {
                    enqueueWhenReady(model.name(), version.version(), v.dataset(), v.limit(), "load");
                }
            }
            if (v.dataset() != null && v.everyMinutes() > 0) {
                schedule.scheduleAtFixedRate(() -> scheduled(model.name(), v), v.everyMinutes(), v.everyMinutes(),
                        TimeUnit.MINUTES);
            }
        }
    }

    private boolean atLoad(ModelConfig.Validation v, String model, int version) {
        return switch (v.atLoad()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case MISSING -> results.find(model, version, v.dataset()).isEmpty();
        };
    }

    private void scheduled(String model, ModelConfig.Validation v) {
        registry.model(model).ifPresent(status -> status.versions().forEach(version -> {
            try {
                enqueueWhenReady(model, version.version(), v.dataset(), v.limit(), "schedule");
            } catch (RuntimeException e) {
                log.warn("scheduled validation of {} version {} not queued: {}", model, version.version(),
                        e.getMessage());
            }
        }));
    }

    /** Cancels every job; the running one stops sending images and ends CANCELLED once its images are answered. */
    @Override
    public void stop() {
        running = false;
        schedule.shutdownNow();
        synchronized (jobs) {
            jobs.values().forEach(ValidationJob::cancel);
        }
        worker.shutdown();
        try {
            if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after the registry and stops before it, so that a job never outlives its model's scheduler. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 3072;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
