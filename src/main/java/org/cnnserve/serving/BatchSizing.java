package org.cnnserve.serving;

import java.util.List;

/** The dispatch rule of a {@link DynamicBatcher}, as a pure function of the queue's state. */
final class BatchSizing {

    private BatchSizing() {
    }

    /**
     * The size of the batch to dispatch now to an idle executor, or 0 to wait for more requests.
     *
     * @param live            live requests queued (cancelled and expired ones already removed)
     * @param oldestWaitNanos how long the oldest of them has waited
     * @param noWaiting       partial batches go at once (the batcher is draining or has no timer)
     */
    static int sizeFor(BatchPolicy policy, int live, long oldestWaitNanos, boolean noWaiting) {
        if (live == 0) {
            return 0;
        }
        int max = policy.maxBatchSize();
        if (live >= max) {
            return max;
        }
        List<Integer> preferred = policy.preferredBatchSizes();
        if (!preferred.isEmpty() && live >= preferred.get(0)) {
            // Sorted ascending: the last one that fits is the largest.
            int best = preferred.get(0);
            for (int size : preferred) {
                if (size <= live) {
                    best = size;
                }
            }
            return best;
        }
        if (noWaiting || oldestWaitNanos >= policy.maxQueueDelayNanos()) {
            return live;
        }
        return 0;
    }
}
