package org.cnnserve.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** A batcher on a fake clock and timer, with hand-answered executors; one per test. */
final class BatcherFixture {

    final FakeTicker ticker = new FakeTicker();
    final FakeTimer timer = new FakeTimer(ticker);
    final RecordingListener listener = new RecordingListener();
    final List<ManualExecutor> executors;
    final DynamicBatcher batcher;

    BatcherFixture(BatchPolicy policy, ManualExecutor... executors) {
        this.executors = List.of(executors);
        this.batcher = new DynamicBatcher("test-model", policy, this.executors, ticker, timer, listener);
    }

    static BatchPolicy policy(int maxBatchSize, long delayNanos, int maxQueueSize, Integer... preferred) {
        return new BatchPolicy(maxBatchSize, Duration.ofNanos(delayNanos), List.of(preferred), maxQueueSize);
    }

    ManualExecutor executor() {
        return executors.get(0);
    }

    /** Submits {@code {value}} without a deadline. */
    CompletableFuture<Prediction> submit(float value) {
        return batcher.submit(new float[] {value}, Scheduler.NO_DEADLINE);
    }

    CompletableFuture<Prediction> submit(float value, long deadlineNanos) {
        return batcher.submit(new float[] {value}, deadlineNanos);
    }

    /** The prediction of a future that must have completed by now (never waits). */
    static Prediction answerOf(CompletableFuture<Prediction> future) {
        assertThat(future).isCompleted();
        return future.join();
    }

    /** The failure of a future that must have failed by now (never waits). */
    static Throwable failureOf(CompletableFuture<Prediction> future) {
        assertThat(future).isCompletedExceptionally();
        try {
            future.join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("unreachable");
    }
}
