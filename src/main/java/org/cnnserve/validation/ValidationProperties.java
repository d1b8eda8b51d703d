package org.cnnserve.validation;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The validation job ({@code cnnserve.validation.*}).
 *
 * @param datasetsDirectory where the data sets are: each folder is one, named by its folder
 * @param resultsDirectory  where reports are stored, as {@code <model>/<version>/validations/<data set>.json};
 *                          absent: in the model repository, next to each version's weights
 * @param window            most images of a job waiting or running in a model's queue at a time, which bounds
 *                          how long a live request waits behind validation; 0: the model's max batch size
 * @param maxQueuedJobs     jobs that may wait for the one running; one more is answered 429
 * @param keepJobs          finished jobs whose status stays available at {@code /v1/validations/{id}}
 * @param runAtLoad         run the validations model configs ask for at load ({@code validation.at_load});
 *                          false leaves them to the API and the schedule
 * @param readyTimeout      longest a job waits for its version to leave LOADING before it fails, so that the jobs
 *                          behind it run; longer than {@code cnnserve.registry.load-timeout}, which normally ends
 *                          the wait first with the version's own reason; an at-load job first waits as long, at
 *                          most, for the other start-up loads, then runs regardless
 */
@ConfigurationProperties("cnnserve.validation")
public record ValidationProperties(
        @DefaultValue("datasets") Path datasetsDirectory,
        Path resultsDirectory,
        @DefaultValue("0") int window,
        @DefaultValue("8") int maxQueuedJobs,
        @DefaultValue("100") int keepJobs,
        @DefaultValue("true") boolean runAtLoad,
        @DefaultValue("15m") java.time.Duration readyTimeout) {

    public ValidationProperties {
        if (window < 0) {
            throw new IllegalArgumentException("cnnserve.validation.window must be at least 0 (0: the model's max "
                    + "batch size), was " + window);
        }
        if (maxQueuedJobs < 1) {
            throw new IllegalArgumentException("cnnserve.validation.max-queued-jobs must be at least 1, was "
                    + maxQueuedJobs);
        }
        if (readyTimeout.isNegative() || readyTimeout.isZero()) {
            throw new IllegalArgumentException("cnnserve.validation.ready-timeout must be positive, was " + readyTimeout);
        }
        if (keepJobs < 1) {
            throw new IllegalArgumentException("cnnserve.validation.keep-jobs must be at least 1, was " + keepJobs);
        }
    }
}
