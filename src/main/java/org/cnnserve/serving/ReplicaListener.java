package org.cnnserve.serving;

/**
 * Hooks a {@link ReplicaWorker} calls for metrics, on the replica's own thread. Implementations must be
 * quick and thread-safe; what they throw is logged and otherwise ignored.
 */
public interface ReplicaListener {

    /**
     * A batch failed, so the replica is being thrown away and built again; {@code rebuilt} is false when
     * building it failed too and the worker takes no more batches.
     */
    default void rebuilt(boolean rebuilt) {
    }

    /** Records nothing. */
    ReplicaListener NONE = new ReplicaListener() {
    };
}
