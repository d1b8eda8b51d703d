package org.cnnserve.validation;

import java.util.List;
import org.cnnserve.registry.ModelConfig;

/**
 * Jobs for the versions found at start-up whose model config asks for one
 * ({@code validation.at_load}, trigger {@code load}); they wait in the queue until every start-up load has
 * settled, so that a load's memory figure is that load's alone, and each then for its version to be READY.
 * {@code cnnserve.validation.run-at-load: false} turns them all off.
 */
final class LoadTrigger {

    private final boolean enabled;
    private final ValidationResults results;
    private final JobWork work;
    private final ValidationQueue queue;

    LoadTrigger(boolean enabled, ValidationResults results, JobWork work, ValidationQueue queue) {
        this.enabled = enabled;
        this.results = results;
        this.work = work;
        this.queue = queue;
    }

    /**
     * Queues the version's validation if its config asks for one at load; it runs once every version
     * found at start-up has settled, so that no load runs beside it. A full queue throws.
     *
     * @param startUp every version found at start-up, in the order they load
     */
    void versionFound(String model, int version, ModelConfig.Validation config, List<ReadinessWait.Key> startUp) {
        if (config.dataset() != null && enabled && wanted(config, model, version)) {
            ValidationJob job = work.newJob(model, version, config.dataset(), config.limit(), 0, "load");
            queue.submit(job, work.afterLoads(job, version, startUp));
        }
    }

    private boolean wanted(ModelConfig.Validation config, String model, int version) {
        return switch (config.atLoad()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case MISSING -> results.find(model, version, config.dataset()).isEmpty();
        };
    }
}
