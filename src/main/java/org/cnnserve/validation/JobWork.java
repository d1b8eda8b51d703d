package org.cnnserve.validation;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.cnnserve.datasets.DatasetCatalog;
import org.cnnserve.datasets.LabelMapping;
import org.cnnserve.datasets.LabelledImages;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.registry.ServedModel;
import org.cnnserve.registry.VersionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New jobs, and what each does once the queue runs it: send its data set through the version's
 * scheduler and store the report. Every end is written to the job and logged; nothing is thrown
 * to the queue, so one failed job never stops the next.
 */
final class JobWork {

    private static final Logger log = LoggerFactory.getLogger(JobWork.class);

    private final ModelRegistry registry;
    private final DatasetCatalog datasets;
    private final ValidationResults results;
    private final ReadinessWait readiness;
    private final ValidationRunner runner;
    private final int window;
    private final Clock clock;

    /** @param window images of a job in the model's queue at a time; 0: the model's max batch size */
    JobWork(ModelRegistry registry, DatasetCatalog datasets, ValidationResults results, ReadinessWait readiness,
            int window, Clock clock) {
        this.registry = registry;
        this.datasets = datasets;
        this.results = results;
        this.readiness = readiness;
        this.runner = new ValidationRunner(clock);
        this.window = window;
        this.clock = clock;
    }

    /** @param total images the job will validate, or 0 while its data set is not open yet */
    ValidationJob newJob(String model, int version, String dataset, int limit, int total, String trigger) {
        return new ValidationJob(UUID.randomUUID().toString(), model, version, dataset, limit, total, trigger, clock);
    }

    /** For a READY version whose data set the caller has opened and mapped already. */
    Runnable opened(ValidationJob job, int version, LabelledImages data, int[] mapping) {
        return () -> run(job, version, data, mapping);
    }

    /**
     * As {@link #whenReady}, after every version in {@code first} has settled (or the ready timeout has
     * passed): an at-load job starts once the start-up loads are over, so that its images and their
     * garbage do not run beside a load and confound that load's memory figure ({@code LoadMemory}).
     */
    Runnable afterLoads(ValidationJob job, int version, List<ReadinessWait.Key> first) {
        Runnable ready = whenReady(job, version);
        return () -> {
            try {
                readiness.awaitAll(first, job::cancelRequested);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                job.ended(JobState.CANCELLED, "the service is stopping");
                return;
            }
            ready.run();
        };
    }

    /** For a version that may still be loading: waits for READY, then opens the job's data set. */
    Runnable whenReady(ValidationJob job, int version) {
        return () -> {
            try {
                VersionStatus status = readiness.await(job.model, version, job::cancelRequested);
                if (job.cancelRequested()) {
                    job.ended(JobState.CANCELLED, "the service is stopping");
                    return;
                }
                if (!status.state().serving()) {
                    job.ended(JobState.FAILED, "version " + version + " is " + status.state()
                            + (status.reason() == null ? "" : ": " + status.reason()));
                    return;
                }
                LabelledImages data = datasets.open(job.dataset);
                int[] mapping = LabelMapping.of(data, registry.require(job.model, Integer.toString(version)).labels());
                run(job, version, data, mapping);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                job.ended(JobState.CANCELLED, "the service is stopping");
            } catch (RuntimeException e) {
                job.ended(JobState.FAILED, e.getMessage());
                log.warn("validation {} of {} version {} on {} FAILED: {}", job.id, job.model, version, job.dataset,
                        e.getMessage());
            }
        };
    }

    private void run(ValidationJob job, int version, LabelledImages data, int[] mapping) {
        try {
            if (job.cancelRequested()) {
                job.ended(JobState.CANCELLED, "the service is stopping");
                return;
            }
            ServedModel served = registry.require(job.model, Integer.toString(version));
            // Fingerprinted as the job starts, not when its report is stored: the replicas hold the weights read
            // when the version loaded, and the files as they are before the job's images go in are the nearest
            // to those this job can see; a file copied in during a long job must not be credited with its result.
            String weights = results.weightsOf(job.model, version);
            ValidationReport report = runner.run(job, served, data, mapping,
                    window > 0 ? window : served.maxBatchSize()).withWeights(weights);
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
}
