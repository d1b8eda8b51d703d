package org.cnnserve.serving;

/**
 * Hooks a {@link DynamicBatcher} calls for metrics, outside its lock, on the thread that dispatches or
 * completes the batch. Implementations must be quick and thread-safe; what they throw is logged and
 * otherwise ignored.
 */
public interface BatchListener {

    /** A batch of {@code size} requests went to an executor. */
    default void batchDispatched(int size) {
    }

    /** One request of a dispatched batch waited {@code nanos} in the queue. */
    default void queueWait(long nanos) {
    }

    /** A batch finished after {@code computeNanos} on its executor; {@code failed} if it was not answered. */
    default void batchCompleted(int size, long computeNanos, boolean failed) {
    }

    /** Records nothing. */
    BatchListener NONE = new BatchListener() {
    };
}
