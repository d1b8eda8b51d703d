package org.cnnserve.serving;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decisions of a {@link DynamicBatcher}: its queue, which executors are idle, what is in flight.
 * Not thread-safe: the batcher calls it under its lock only, and carries out the returned
 * {@link Decision}s outside the lock.
 */
final class BatchingState {

    private static final Logger log = LoggerFactory.getLogger(BatchingState.class);
    private static final long IDLE = Long.MIN_VALUE;

    private final String name;
    private final BatchPolicy policy;
    private final WakeupSlot wakeup;
    private final RequestQueue queue = new RequestQueue();
    private final ArrayDeque<Integer> idle = new ArrayDeque<>();
    private final long[] busyNanos;  // per executor, batches finished
    private final long[] busySince;  // per executor, when its running batch went; IDLE when none runs
    private final boolean[] retired;
    private int live;
    private int inFlight;
    private boolean stopping;
    private boolean timerFailed;

    BatchingState(String name, BatchPolicy policy, int executors, WakeupSlot wakeup) {
        this.name = name;
        this.policy = policy;
        this.wakeup = wakeup;
        this.busyNanos = new long[executors];
        this.busySince = new long[executors];
        this.retired = new boolean[executors];
        this.live = executors;
        for (int i = 0; i < executors; i++) {
            idle.addLast(i);
            busySince[i] = IDLE;
        }
    }

    int executors() {
        return busyNanos.length;
    }

    /** Time executor {@code i} spent with a batch until {@code now}, the batch it runs now included. */
    long busyNanos(int i, long now) {
        Objects.checkIndex(i, busyNanos.length);
        return busyNanos[i] + (busySince[i] == IDLE ? 0 : Math.max(0, now - busySince[i]));
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
        if (live == 0) {
            return new ReplicasUnavailableException(name);
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

    /**
     * The executor of {@code batch} is idle again since {@code now}, unless it retired meanwhile, and its
     * requests are answered.
     */
    void release(Batch batch, long now) {
        busyNanos[batch.executor] += Math.max(0, now - busySince[batch.executor]);
        busySince[batch.executor] = IDLE;
        inFlight -= batch.size();
        if (!retired[batch.executor]) {
            idle.addFirst(batch.executor); // the replica that just ran is the warmest
        }
    }

    /**
     * The executor gets no more batches; once none is left, the queued requests go to {@code decision}'s
     * unserved and new ones are refused.
     */
    void retire(int executor, Decision decision) {
        if (retired[executor]) {
            return;
        }
        retired[executor] = true;
        live--;
        idle.remove(executor);
        log.warn("{} retired executor {}: {} of {} left", name, executor, live, retired.length);
        if (live == 0) {
            queue.drainTo(decision.unserved);
            wakeup.cancel();
        }
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
            int executor = idle.pollFirst();
            busySince[executor] = decision.now;
            decision.batches.add(new Batch(executor, queue.take(size), decision.now));
        }
    }
}
