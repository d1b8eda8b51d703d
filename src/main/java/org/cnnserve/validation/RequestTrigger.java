package org.cnnserve.validation;

import org.cnnserve.datasets.DatasetCatalog;
import org.cnnserve.datasets.LabelMapping;
import org.cnnserve.datasets.LabelledImages;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.registry.ServedModel;

/**
 * Jobs asked for through the API (trigger {@code api}): checked in full before they are queued, so
 * that a wrong request is answered at once rather than as a failed job.
 */
final class RequestTrigger {

    private final ModelRegistry registry;
    private final DatasetCatalog datasets;
    private final JobWork work;
    private final ValidationQueue queue;

    RequestTrigger(ModelRegistry registry, DatasetCatalog datasets, JobWork work, ValidationQueue queue) {
        this.registry = registry;
        this.datasets = datasets;
        this.work = work;
        this.queue = queue;
    }

    /** See {@link ValidationService#submit}. */
    JobStatus submit(String model, String version, String dataset, Integer limit) {
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
        ValidationJob job = work.newJob(model, served.version(), dataset, n,
                n == 0 ? data.size() : Math.min(n, data.size()), "api");
        return queue.submit(job, work.opened(job, served.version(), data, mapping));
    }
}
