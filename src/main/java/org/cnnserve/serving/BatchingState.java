package org.cnnserve.serving;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decisions of a {@link DynamicBatcher}: its queue, which executors are idle, what is in flight.
 * Not thread-safe: the batcher calls it under its lock only, and carries out the returned
 * {@link Decision}s outside the lock.
 */
final class BatchingState {

    private static final Logger log = LoggerFactory.getLogger(BatchingState.class);

    private final String name;
    private final BatchPolicy policy;
    private final WakeupSlot wakeup;
    private final RequestQueue queue = new RequestQueue();
    private final ArrayDeque<Integer> idle = new ArrayDeque<>();
    private int inFlight;
    private boolean stopping;
    private boolean timerFailed;

    BatchingState(String name, BatchPolicy policy, int executors, WakeupSlot wakeup) {
        this.name = name;
        this.policy = policy;
        this.wakeup = wakeup;
        for (int i = 0; i < executors; i++) {
            idle.addLast(i);
        }
    }

    int queueDepth() {
        return queue.size();
    }

    int inFlight() {
        return inFlight;
    }

    /**
     * Queues the requests behind one another, all or none, or returns why they are refused; requests
     * found expired go to {@code purged}.
     */
    RuntimeException admit(List<QueuedRequest> requests, Decision purged) {
        if (stopping) {
            return new WorkerStoppedException(name);
        }
        if (requests.get(0).deadlineNanos() <= purged.now) {
            return new DeadlineExceededException(name, Duration.ZERO);
        }
        if (queue.size() + requests.size() > policy.maxQueueSize()) {
            // Cancelled and expired requests must not hold places that live ones could take.
            queue.purge(purged.now, purged.expired);
            if (queue.size() + requests.size() > policy.maxQueueSize()) {
                return new QueueFullException(name, policy.maxQueueSize());
            }
        }
        requests.forEach(queue::add);
        return null;
    }

    void stop() {
        stopping = true;
    }

    /** The executor of {@code batch} is idle again and its requests are answered. */
    void release(Batch batch) {
        inFlight -= batch.size();
        idle.addFirst(batch.executor); // the replica that just ran is the warmest
    }

    /** Clears the wake-up if {@code fired} is the pending one; see {@link WakeupSlot#claim}. */
    boolean claimWakeup(Object fired) {
        return wakeup.claim(fired);
    }

    /** Forms every batch that is due at {@code now} and keeps the wake-up in step with the queue. */
    Decision decide(long now) {
        Decision decision = new Decision(now);
        if (!idle.isEmpty()) {
            queue.purge(now, decision.expired);
            formBatches(decision);
        }
        QueuedRequest oldest = queue.oldest();
        if (idle.isEmpty() || oldest == null || stopping || timerFailed) {
            wakeup.cancel(); // nothing waits for the delay: a finishing batch or a submit brings the next look
        } else {
            // formBatches left it waiting, so it waited less than the delay: the wake-up lies in the future.
            try {
                wakeup.await(oldest, policy.maxQueueDelayNanos() - (now - oldest.enqueuedNanos()));
            } catch (RuntimeException e) {
                // Without wake-ups a partial batch could wait forever: from now on partial batches go at once.
                log.error("{} cannot schedule its batching delay and dispatches without waiting from now on", name, e);
                timerFailed = true;
                formBatches(decision);
            }
        }
        decision.stopped = stopping && queue.size() == 0 && inFlight == 0;
        return decision;
    }

    private void formBatches(Decision decision) {
        while (!idle.isEmpty()) {
            QueuedRequest oldest = queue.oldest();
            long waited = oldest == null ? 0 : decision.now - oldest.enqueuedNanos();
            int size = BatchSizing.sizeFor(policy, queue.size(), waited, stopping || timerFailed);
            if (size == 0) {
                return;
            }
            inFlight += size;
            decision.batches.add(new Batch(idle.pollFirst(), queue.take(size), decision.now));
        }
    }
}
