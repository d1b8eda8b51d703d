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

    @Test
    void aRetiredExecutorGetsNoMoreBatchesWhileTheOthersServe() {
        BatcherFixture f = new BatcherFixture(policy(1, 0, 10), manual(), manual());
        ManualExecutor first = f.executors.get(0);
        ManualExecutor second = f.executors.get(1);
        CompletableFuture<Prediction> broken = f.submit(1);
        first.fail(new IllegalStateException("model broke")); // idle again, as before its rebuild fails
        first.retire("replica could not be rebuilt");

        List<CompletableFuture<Prediction>> later = new ArrayList<>();
        for (int i = 2; i <= 4; i++) {
            later.add(f.submit(i));
            second.answer();
        }

        assertThat(failureOf(broken)).isInstanceOf(InferenceFailedException.class);
        assertThat(later).allSatisfy(future -> assertThat(answerOf(future)).isNotNull());
        assertThat(first.batchValues()).containsExactly(List.of(1f));
        assertThat(second.batchValues()).containsExactly(List.of(2f), List.of(3f), List.of(4f));
    }

    @Test
    void anExecutorRetiringWhileItRunsABatchIsNotGivenTheNext() {
        BatcherFixture f = new BatcherFixture(policy(1, 0, 10), manual(), manual());
        ManualExecutor first = f.executors.get(0);
        CompletableFuture<Prediction> running = f.submit(1);
        first.retire("replica could not be rebuilt");
        first.answer();

        assertThat(answerOf(running).probabilities()).containsExactly(10f);
        assertThat(f.submit(2)).isNotDone();
        assertThat(first.busy()).isFalse();
        assertThat(f.executors.get(1).busy()).isTrue();
    }

    @Test
    void onceEveryExecutorRetiredQueuedAndNewRequestsFailAsUnavailable() {
        BatcherFixture f = new BatcherFixture(policy(1, DELAY, 10), manual());
        CompletableFuture<Prediction> running = f.submit(1);
        CompletableFuture<Prediction> queued = f.submit(2);

        f.executor().retire("replica could not be rebuilt");

        assertThat(failureOf(queued)).isInstanceOf(ReplicasUnavailableException.class)
                .hasMessageContaining("test-model");
        assertThat(running).as("the batch in hand still ends on its own").isNotDone();
        f.executor().answer();
        assertThat(answerOf(running).probabilities()).containsExactly(10f);
        assertThat(failureOf(f.submit(3))).isInstanceOf(ReplicasUnavailableException.class);
        assertThat(f.batcher.queueDepth()).isZero();
        assertThat(f.batcher.stop()).as("nothing left to drain").isCompleted();
    }

    @Test
    void aBatchWhoseReplicaWasLostAnswersWithThatFailureNotAsAnInferenceFailure() {
        BatcherFixture f = new BatcherFixture(policy(2, DELAY, 10), manual());
        List<CompletableFuture<Prediction>> futures = twoBatches(f);

        f.executor().fail(new ReplicaLostException("replica ran past its limit of PT5S and was abandoned"));

        assertThat(failureOf(futures.get(0))).isInstanceOf(ReplicaLostException.class)
                .hasMessageContaining("past its limit");
        assertThat(failureOf(futures.get(1))).isInstanceOf(ReplicaLostException.class);
        f.executor().answer();
        assertThat(answerOf(futures.get(2)).probabilities()).containsExactly(30f);
    }
}
