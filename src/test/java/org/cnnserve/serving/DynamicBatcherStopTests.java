package org.cnnserve.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cnnserve.serving.BatcherFixture.answerOf;
import static org.cnnserve.serving.BatcherFixture.failureOf;
import static org.cnnserve.serving.BatcherFixture.policy;
import static org.cnnserve.serving.ManualExecutor.manual;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A safety net only: every test is driven by hand and never waits; a bug must fail, not hang.
@Timeout(10)
class DynamicBatcherStopTests {

    private static final long DELAY = 1_000_000;

    @Test
    void afterStopBeganSubmitsAreRejectedAtOnce() {
        BatcherFixture f = new BatcherFixture(policy(2, DELAY, 10), manual());
        f.batcher.stop();

        CompletableFuture<Prediction> late = f.submit(1);

        assertThat(failureOf(late)).isInstanceOf(WorkerStoppedException.class).hasMessageContaining("test-model");
        assertThat(f.executor().batchValues()).isEmpty();
    }

    @Test
    void stopSendsAWaitingPartialBatchWithoutWaitingForTheDelay() {
        BatcherFixture f = new BatcherFixture(policy(4, DELAY, 10), manual());
        CompletableFuture<Prediction> first = f.submit(1);
        f.submit(2);

        CompletableFuture<Void> stopped = f.batcher.stop();

        assertThat(f.executor().batchValues()).containsExactly(List.of(1f, 2f));
        assertThat(f.timer.pendingCount()).isZero();
        assertThat(stopped).isNotDone();
        f.executor().answer();
        assertThat(answerOf(first).probabilities()).containsExactly(10f);
        assertThat(stopped).isCompleted();
    }

    @Test
    void stopCompletesOnlyAfterTheLastInFlightBatchIsAnswered() {
        BatcherFixture f = new BatcherFixture(policy(2, DELAY, 10), manual());
        List<CompletableFuture<Prediction>> accepted = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            accepted.add(f.submit(i));
        }
        CompletableFuture<Void> stopped = f.batcher.stop();

        f.executor().answer();
        assertThat(stopped).isNotDone();
        f.executor().answer();
        assertThat(f.executor().batchValues()).last().isEqualTo(List.of(5f)); // partial, at once
        assertThat(stopped).isNotDone();
        assertThat(f.batcher.inFlight()).isEqualTo(1);
        f.executor().answer();

        assertThat(stopped).isCompleted();
        assertThat(accepted).allSatisfy(a -> assertThat(a).isCompleted());
        assertThat(f.batcher.queueDepth()).isZero();
        assertThat(f.batcher.inFlight()).isZero();
    }

    @Test
    void stopOnAnIdleBatcherCompletesAtOnceAndAgainEachTimeItIsCalled() {
        BatcherFixture f = new BatcherFixture(policy(2, DELAY, 10), manual());

        assertThat(f.batcher.stop()).isCompleted();
        assertThat(f.batcher.stop()).isCompleted();
    }

    @Test
    void stopCalledTwiceWhileDrainingCompletesBothFuturesTogether() {
        BatcherFixture f = new BatcherFixture(policy(2, DELAY, 10), manual());
        f.submit(1);
        CompletableFuture<Void> first = f.batcher.stop();
        CompletableFuture<Void> second = f.batcher.stop();

        assertThat(f.executor().batchValues()).hasSize(1);
        assertThat(second).isNotDone();
        f.executor().answer();
        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
    }

    @Test
    void aQueueOfCancelledRequestsDoesNotHoldUpTheStop() {
        BatcherFixture f = new BatcherFixture(policy(2, DELAY, 10), manual());
        f.submit(1).cancel(false);

        assertThat(f.batcher.stop()).isCompleted();
        assertThat(f.executor().batchValues()).isEmpty();
    }

    @Test
    void aFailedLastBatchStillCompletesTheStop() {
        BatcherFixture f = new BatcherFixture(policy(2, DELAY, 10), manual());
        CompletableFuture<Prediction> request = f.submit(1);
        CompletableFuture<Void> stopped = f.batcher.stop();

        f.executor().fail(new IllegalStateException("gone"));

        assertThat(failureOf(request)).isInstanceOf(InferenceFailedException.class);
        assertThat(stopped).isCompleted();
    }
}
