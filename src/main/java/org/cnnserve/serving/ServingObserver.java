package org.cnnserve.serving;

/**
 * Watches the schedulers the registry starts, for metrics. The registry asks for a model version's
 * {@link BatchListener} before building its scheduler, then reports the scheduler once it runs.
 */
public interface ServingObserver {

    ServingObserver NONE = new ServingObserver() {
    };

    default BatchListener batchListener(String model, int version) {
        return BatchListener.NONE;
    }

    default void schedulerStarted(String model, int version, Scheduler scheduler) {
    }

    /** The version's scheduler has stopped and drained: it was unloaded or replaced by a reload. */
    default void schedulerRetired(String model, int version, Scheduler scheduler) {
    }
}
