package org.cnnserve.serving;

/**
 * Watches the schedulers the registry starts, for metrics. The registry asks for each replica's
 * {@link ReplicaListener} as it starts the replica, for the model version's {@link BatchListener}
 * before building its scheduler, then reports the scheduler once it runs.
 */
public interface ServingObserver {

    ServingObserver NONE = new ServingObserver() {
    };

    /** @param replica the replica's number, as the scheduler counts them ({@link Scheduler#busyNanos}) */
    default ReplicaListener replicaListener(String model, int version, int replica, Device device) {
        return ReplicaListener.NONE;
    }

    default BatchListener batchListener(String model, int version) {
        return BatchListener.NONE;
    }

    default void schedulerStarted(String model, int version, Scheduler scheduler) {
    }

    /** The version's scheduler has stopped and drained: it was unloaded or replaced by a reload. */
    default void schedulerRetired(String model, int version, Scheduler scheduler) {
    }
}
