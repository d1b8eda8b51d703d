package org.cnnserve.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cnnserve.serving.BatcherFixture.answerOf;
import static org.cnnserve.serving.BatcherFixture.failureOf;
import static org.cnnserve.serving.BatcherFixture.policy;
import static org.cnnserve.serving.ManualExecutor.manual;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A safety net only: every test is driven by hand and never waits; a bug must fail, not hang.
@Timeout(10)
class DynamicBatcherFailureTests {

    private static final long DELAY = 1_000;

    /** Submits 1..4 to a batcher of batches of 2 on one executor: [1, 2] runs, [3, 4] waits. */
    private static List<CompletableFuture<Prediction>> twoBatches(BatcherFixture f) {
        List<CompletableFuture<Prediction>> futures = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            futures.add(f.submit(i));
        }
        return futures;
    }

    private static void assertFirstBatchFailedAndSecondRan(BatcherFixture f,
                                                           List<CompletableFuture<Prediction>> futures,
                                                           Class<? extends Throwable> cause, String message) {
        for (CompletableFuture<Prediction> failed : futures.subList(0, 2)) {
            assertThat(failureOf(failed)).isInstanceOf(InferenceFailedException.class)
                    .hasMessageContaining("test-model").hasMessageContaining(cause.getName() + ": " + message)
                    .cause().isInstanceOf(cause);
        }
        assertThat(futures.get(2)).isNotDone();
        f.executor().answer();
        assertThat(answerOf(futures.get(2)).probabilities()).containsExactly(30f);
        assertThat(answerOf(futures.get(3)).probabilities()).containsExactly(40f);
        assertThat(f.listener.completed).containsExactly("2/0/failed", "2/0/ok");
        assertThat(f.batcher.inFlight()).isZero();
    }

    @Test
    void aBatchWhoseFutureFailsFailsItsRequestsAndTheNextBatchStillRuns() {
        BatcherFixture f = new BatcherFixture(policy(2, DELAY, 10), manual());
        List<CompletableFuture<Prediction>> futures = twoBatches(f);

        f.executor().fail(new IllegalStateException("model broke"));

        assertFirstBatchFailedAndSecondRan(f, futures, IllegalStateException.class, "model broke");
    }

    @Test
    void aBatchWhoseFutureFailsWithAnErrorFailsLikeAnyOther() {
        BatcherFixture f = new BatcherFixture(policy(2, DELAY, 10), manual());
        List<CompletableFuture<Prediction>> futures = twoBatches(f);

        f.executor().fail(new OutOfMemoryError("no room for the activations"));

        assertFirstBatchFailedAndSecondRan(f, futures, OutOfMemoryError.class, "no room for the activations");
    }

    @Test
    void aFailureWrappedByAFutureChainIsReportedUnwrapped() {
        BatcherFixture f = new BatcherFixture(policy(2, DELAY, 10), manual());
        List<CompletableFuture<Prediction>> futures = twoBatches(f);

        f.executor().fail(new CompletionException(new IllegalArgumentException("bad tensor")));

        assertFirstBatchFailedAndSecondRan(f, futures, IllegalArgumentException.class, "bad tensor");
    }

    @Test
    void aBatchAnsweredWithTheWrongNumberOfRowsFails() {
        BatcherFixture f = new BatcherFixture(policy(2, DELAY, 10), manual());
        List<CompletableFuture<Prediction>> futures = twoBatches(f);

        f.executor().answerWith(new float[][] {{10f}});

        assertFirstBatchFailedAndSecondRan(f, futures, IllegalStateException.class,
                "the executor returned 1 rows for a batch of 2");
    }

    @Test
    void anExecutorThatThrowsAnErrorFromExecuteFailsItsBatchAndGetsTheNext() {
        List<Integer> calls = new ArrayList<>();
        BatchExecutor throwsOnce = inputs -> {
            calls.add(inputs.length);
            if (calls.size() == 1) {
                throw new StackOverflowError("deep graph");
            }
            return CompletableFuture.completedFuture(ManualExecutor.answerTo(inputs));
        };
        FakeTicker ticker = new FakeTicker();
        DynamicBatcher batcher = new DynamicBatcher("test-model", policy(2, 0, 10), List.of(throwsOnce), ticker,
                new FakeTimer(ticker), BatchListener.NONE);

        CompletableFuture<Prediction> first = batcher.submit(new float[] {1}, Scheduler.NO_DEADLINE);
        CompletableFuture<Prediction> second = batcher.submit(new float[] {2}, Scheduler.NO_DEADLINE);

        assertThat(failureOf(first)).isInstanceOf(InferenceFailedException.class)
                .hasMessageContaining("java.lang.StackOverflowError: deep graph");
        assertThat(answerOf(second).probabilities()).containsExactly(20f);
        assertThat(calls).containsExactly(1, 1);
        assertThat(batcher.inFlight()).isZero();
    }

    @Test
    void aListenerThatThrowsKeepsNoRequestFromItsAnswer() {
        BatchListener broken = new BatchListener() {
            @Override
            public void batchDispatched(int size) {
                throw new IllegalStateException("metrics down");
            }

            @Override
            public void batchCompleted(int size, long computeNanos, boolean failed) {
                throw new IllegalStateException("metrics down");
            }
        };
        FakeTicker ticker = new FakeTicker();
        DynamicBatcher batcher = new DynamicBatcher("test-model", policy(1, 0, 10),
                List.of(ManualExecutor.answeringAtOnce()), ticker, new FakeTimer(ticker), broken);

        CompletableFuture<Prediction> first = batcher.submit(new float[] {1}, Scheduler.NO_DEADLINE);
        CompletableFuture<Prediction> second = batcher.submit(new float[] {2}, Scheduler.NO_DEADLINE);

        assertThat(answerOf(first).probabilities()).containsExactly(10f);
        assertThat(answerOf(second).probabilities()).containsExactly(20f);
    }
}
