package org.cnnserve.serving;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/**
 * A {@link Scheduler} that groups queued requests into batches for a set of model replicas, after
 * Triton's dynamic batcher and DJL's batch aggregator.
 *
 * <p>An idle executor gets a batch, oldest requests first, as soon as the queue holds a full batch,
 * or at least the smallest preferred size (then the largest preferred size that fits), or its oldest
 * request has waited the policy's delay (then whatever is queued, up to the maximum). While requests
 * wait for the delay one timer wake-up is pending; while every executor is busy none is, because a
 * finishing batch triggers the next dispatch. Decisions are made under one lock; executors run and
 * futures complete outside it. While stopping, partial batches go without waiting. An executor that
 * {@linkplain BatchExecutor#retired() retires} gets no more batches; once none is left, queued and new
 * requests fail with {@link ReplicasUnavailableException}.
 */
public final class DynamicBatcher implements Scheduler {

    private final String name;
    private final int queueCapacity;
    private final Ticker ticker;
    private final BatchLauncher launcher;
    private final BatchingState state; // guarded by lock
    private final ReentrantLock lock = new ReentrantLock();
    private final Trampoline trampoline = new Trampoline(this::pass);
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    /**
     * @param executors one per model replica; the batcher gives each at most one batch at a time
     * @param ticker    the clock of delays, deadlines and the durations in {@link Prediction}
     * @param timer     wakes the batcher when a partial batch's delay is up; on the ticker's clock
     */
    public DynamicBatcher(String name, BatchPolicy policy, List<? extends BatchExecutor> executors, Ticker ticker,
                          Timer timer, BatchListener listener) {
        this.name = Objects.requireNonNull(name, "name must be given");
        this.queueCapacity = Objects.requireNonNull(policy, "batch policy must be given").maxQueueSize();
        if (Objects.requireNonNull(executors, "executors must be given").isEmpty()) {
            throw new IllegalArgumentException("a batcher needs at least 1 executor, was given 0");
        }
        this.ticker = Objects.requireNonNull(ticker, "ticker must be given");
        WakeupSlot wakeup = new WakeupSlot(Objects.requireNonNull(timer, "timer must be given"), this::wake);
        Objects.requireNonNull(listener, "listener must be given; use BatchListener.NONE for none");
        this.launcher = new BatchLauncher(name, List.copyOf(executors), ticker, listener);
        this.state = new BatchingState(name, policy, executors.size(), wakeup);
        for (int i = 0; i < executors.size(); i++) {
            int executor = i;
            executors.get(i).retired().thenRun(() -> retire(executor));
        }
    }

    @Override
    public CompletableFuture<Prediction> submit(float[] input, long deadlineNanos) {
        return submitAll(List.of(Objects.requireNonNull(input, "input must not be null")), deadlineNanos).get(0);
    }

    @Override
    public List<CompletableFuture<Prediction>> submitAll(List<float[]> inputs, long deadlineNanos) {
        if (Objects.requireNonNull(inputs, "inputs must not be null").isEmpty()) {
            throw new IllegalArgumentException("submitAll needs at least 1 input, was given 0");
        }
        List<QueuedRequest> requests = new ArrayList<>(inputs.size());
        Decision purged;
        RuntimeException rejection;
        lock.lock();
        try {
            purged = new Decision(ticker.nanos());
            for (float[] input : inputs) {
                requests.add(new QueuedRequest(Objects.requireNonNull(input, "inputs must not hold null"),
                        deadlineNanos, purged.now, new CompletableFuture<>()));
            }
            rejection = state.admit(requests, purged);
        } finally {
            lock.unlock();
        }
        carryOut(purged);
        if (rejection != null) {
            requests.forEach(request -> request.result().completeExceptionally(rejection));
        } else {
            trampoline.run();
        }
        return requests.stream().map(QueuedRequest::result).toList();
    }

    @Override
    public int queueDepth() {
        return read(state::queueDepth);
    }

    @Override
    public int inFlight() {
        return read(state::inFlight);
    }

    @Override
    public int queueCapacity() {
        return queueCapacity;
    }

    @Override
    public int replicas() {
        return launcher.executors();
    }

    @Override
    public long busyNanos(int replica) {
        lock.lock();
        try {
            return state.busyNanos(replica, ticker.nanos());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public CompletableFuture<Void> stop() {
        lock.lock();
        try {
            state.stop();
        } finally {
            lock.unlock();
        }
        trampoline.run();
        return stopped.copy(); // a copy, so that no caller can complete the batcher's own future
    }

    private int read(IntSupplier guarded) {
        lock.lock();
        try {
            return guarded.getAsInt();
        } finally {
            lock.unlock();
        }
    }

    // One look at the queue; the trampoline repeats it while work arrived on this thread meanwhile.
    private void pass() {
        Decision decision;
        lock.lock();
        try {
            decision = state.decide(ticker.nanos());
        } finally {
            lock.unlock();
        }
        carryOut(decision);
    }

    private void carryOut(Decision decision) {
        for (QueuedRequest request : decision.expired) {
            Duration waited = Duration.ofNanos(decision.now - request.enqueuedNanos());
            request.result().completeExceptionally(new DeadlineExceededException(name, waited));
        }
        for (QueuedRequest request : decision.unserved) {
            request.result().completeExceptionally(new ReplicasUnavailableException(name));
        }
        for (Batch batch : decision.batches) {
            launcher.start(batch, this::release);
        }
        if (decision.stopped) {
            stopped.complete(null);
        }
    }

    // Called once every request of the batch is answered, so that stop() completes after the last answer.
    private void release(Batch batch) {
        lock.lock();
        try {
            state.release(batch, ticker.nanos());
        } finally {
            lock.unlock();
        }
        trampoline.run();
    }

    // On the retiring executor's thread, or in the constructor for one that retired before.
    private void retire(int executor) {
        Decision decision;
        lock.lock();
        try {
            decision = new Decision(ticker.nanos());
            state.retire(executor, decision);
        } finally {
            lock.unlock();
        }
        carryOut(decision);
        trampoline.run();
    }

    private void wake(Object fired) {
        lock.lock();
        try {
            if (!state.claimWakeup(fired)) {
                return; // replaced or cancelled while it was about to run
            }
        } finally {
            lock.unlock();
        }
        trampoline.run();
    }
}
