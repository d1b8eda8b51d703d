package org.cnnserve.serving;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands a {@link Batch} to its executor, answers its requests, and reports both to the listener. */
final class BatchLauncher {

    private static final Logger log = LoggerFactory.getLogger(BatchLauncher.class);

    private final String name;
    private final List<BatchExecutor> executors;
    private final Ticker ticker;
    private final BatchListener listener;

    BatchLauncher(String name, List<BatchExecutor> executors, Ticker ticker, BatchListener listener) {
        this.name = name;
        this.executors = executors;
        this.ticker = ticker;
        this.listener = listener;
    }

    int executors() {
        return executors.size();
    }

    /**
     * Runs {@code batch} and, once every request of it is answered, calls {@code done}, possibly on this
     * thread before returning. A synchronous throw from the executor counts as a failed batch.
     */
    void start(Batch batch, Consumer<Batch> done) {
        report(() -> {
            listener.batchDispatched(batch.size());
            for (QueuedRequest request : batch.requests) {
                listener.queueWait(batch.dispatchedNanos - request.enqueuedNanos());
            }
        });
        CompletableFuture<float[][]> future;
        try {
            future = executors.get(batch.executor).execute(batch.inputs());
            if (future == null) {
                future = CompletableFuture.failedFuture(new IllegalStateException("the executor returned no future"));
            }
        } catch (Throwable t) {
            future = CompletableFuture.failedFuture(t);
        }
        future.whenComplete((outputs, error) -> finish(batch, outputs, error, done));
    }

    private void finish(Batch batch, float[][] outputs, Throwable error, Consumer<Batch> done) {
        long now = ticker.nanos();
        Throwable failure = batch.answer(name, outputs, error, now);
        if (failure != null) {
            log.warn("a batch of {} failed on {}", batch.size(), name, failure);
        }
        report(() -> listener.batchCompleted(batch.size(), now - batch.dispatchedNanos, failure != null));
        done.accept(batch);
    }

    // Metrics must never keep a request from being answered or an executor from being freed.
    private void report(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("the batch listener of {} failed", name, e);
        }
    }
}
