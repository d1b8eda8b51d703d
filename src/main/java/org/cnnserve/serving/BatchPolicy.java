package org.cnnserve.serving;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * How a {@link DynamicBatcher} groups requests into batches.
 *
 * @param maxBatchSize        the most requests one batch may hold; a queue holding this many live
 *                            requests dispatches a full batch at once. At least 1.
 * @param maxQueueDelay       how long the oldest queued request may wait for others to join it before a
 *                            partial batch goes anyway; {@link Duration#ZERO} dispatches whatever is
 *                            queued as soon as a worker is idle. Not negative.
 * @param preferredBatchSizes sizes that are worth dispatching without waiting for the delay (for
 *                            example those a model was tuned or compiled for); when the queue holds at
 *                            least the smallest of them, the largest that fits goes at once. Each in
 *                            [1, maxBatchSize]; stored sorted ascending without duplicates; {@code null}
 *                            means none.
 * @param maxQueueSize        the most requests that may wait; beyond it submissions are rejected at once
 *                            with {@link QueueFullException}. At least 1.
 */
public record BatchPolicy(int maxBatchSize, Duration maxQueueDelay, List<Integer> preferredBatchSizes,
                          int maxQueueSize) {

    public BatchPolicy {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maximum batch size must be at least 1, was " + maxBatchSize);
        }
        Objects.requireNonNull(maxQueueDelay, "maximum queue delay must be given; use Duration.ZERO for none");
        if (maxQueueDelay.isNegative()) {
            throw new IllegalArgumentException("maximum queue delay must not be negative, was " + maxQueueDelay);
        }
        TreeSet<Integer> sizes = new TreeSet<>();
        if (preferredBatchSizes != null) {
            for (Integer size : preferredBatchSizes) {
                if (size == null || size < 1 || size > maxBatchSize) {
                    throw new IllegalArgumentException("each preferred batch size must be between 1 and the"
                            + " maximum batch size " + maxBatchSize + ", was " + size);
                }
                sizes.add(size);
            }
        }
        preferredBatchSizes = List.copyOf(sizes);
        if (maxQueueSize < 1) {
            throw new IllegalArgumentException("maximum queue size must be at least 1, was " + maxQueueSize);
        }
    }

    /** The delay in nanoseconds, saturated at {@link Long#MAX_VALUE} (a delay of centuries means "never"). */
    long maxQueueDelayNanos() {
        try {
            return maxQueueDelay.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
