package org.cnnserve.serving;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Admits inference requests for one model into a bounded queue and runs them on its replicas.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #submit} never blocks. Its future completes exactly once: with the {@link Prediction},
 *       or exceptionally with
 *       <ul>
 *         <li>{@link QueueFullException}, at once, when {@code maxQueueSize} requests already wait;</li>
 *         <li>{@link WorkerStoppedException}, at once, once {@link #stop} began;</li>
 *         <li>{@link DeadlineExceededException}, when the deadline (on the scheduler's {@link Ticker})
 *             passed before the request was dispatched; such a request is never run. The deadline is
 *             checked when the scheduler next forms a batch, so while every replica is busy the
 *             failure comes when one frees up;</li>
 *         <li>{@link InferenceFailedException}, when the batch holding the request failed; its message
 *             names the cause's class and message and its cause is the failure itself;</li>
 *         <li>{@link ReplicaLostException}, when the replica running the batch was abandoned by its
 *             watchdog or left service;</li>
 *         <li>{@link ReplicasUnavailableException}, at once or while queued, once no replica is left.</li>
 *       </ul></li>
 *   <li>A future the caller cancels, or completes itself, before dispatch is skipped and never run.</li>
 *   <li>Futures complete outside the scheduler's lock, possibly on a replica's or the timer's thread;
 *       callers with heavy follow-up work should continue with the {@code *Async} methods.</li>
 *   <li>{@link #stop} admits nothing new; everything already accepted is still run and answered, and
 *       its future completes when the queue is empty and nothing is in flight. It is idempotent.</li>
 * </ul>
 */
public interface Scheduler {

    /** A deadline that never passes. */
    long NO_DEADLINE = Long.MAX_VALUE;

    /**
     * @param input         the preprocessed input; the scheduler keeps the array until it is answered
     * @param deadlineNanos absolute time on the scheduler's {@link Ticker} after which the request is not
     *                      worth running, or {@link #NO_DEADLINE}
     */
    CompletableFuture<Prediction> submit(float[] input, long deadlineNanos);

    /**
     * Queues several inputs behind one another, all or none, so that they can share a batch: either
     * every input is admitted, or every future fails at once for the reason {@link #submit} would give
     * one of them ({@link QueueFullException} when fewer places are free than there are inputs).
     *
     * @param inputs at least one; the futures come back in the same order
     */
    List<CompletableFuture<Prediction>> submitAll(List<float[]> inputs, long deadlineNanos);

    /** Requests accepted and not yet dispatched (a cancelled one counts until the next batch is formed). */
    int queueDepth();

    /** Requests in dispatched batches that are not answered yet. */
    int inFlight();

    /** The most requests {@link #queueDepth()} can reach: one more is refused with {@link QueueFullException}. */
    int queueCapacity();

    /** The replicas the scheduler runs batches on, numbered from 0 in the order it was given them. */
    int replicas();

    /**
     * Nanoseconds on the scheduler's {@link Ticker} that {@code replica} has held a batch since the
     * scheduler started, from the batch's dispatch until all its requests were answered, the batch it
     * holds now included. It only grows; its rate is the replica's utilisation, 0 to 1.
     *
     * @throws IndexOutOfBoundsException when {@code replica} is not between 0 and {@link #replicas()} - 1
     */
    long busyNanos(int replica);

    /** Stops admitting, drains what was accepted; see the contract above. */
    CompletableFuture<Void> stop();
}
