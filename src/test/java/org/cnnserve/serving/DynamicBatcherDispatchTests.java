package org.cnnserve.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cnnserve.serving.BatcherFixture.answerOf;
import static org.cnnserve.serving.BatcherFixture.policy;
import static org.cnnserve.serving.ManualExecutor.manual;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A safety net only: every test is driven by hand and never waits; a bug must fail, not hang.
@Timeout(10)
class DynamicBatcherDispatchTests {

    private static final long DELAY = 1_000;

    @Test
    void aFullBatchGoesAtOnceAndLeavesNoTimerBehind() {
        BatcherFixture f = new BatcherFixture(policy(3, DELAY, 10), manual());
        f.submit(1);
        f.submit(2);
        f.submit(3);

        assertThat(f.executor().batchValues()).containsExactly(List.of(1f, 2f, 3f));
        assertThat(f.timer.pendingCount()).isZero();
    }

    @Test
    void aPartialBatchGoesExactlyWhenTheOldestRequestHasWaitedTheDelay() {
        BatcherFixture f = new BatcherFixture(policy(4, DELAY, 10), manual());
        f.submit(1);
        f.timer.advance(400);
        f.submit(2);

        f.timer.advance(DELAY - 400 - 1);
        assertThat(f.executor().batchValues()).isEmpty();
        f.timer.advance(1);
        assertThat(f.executor().batchValues()).containsExactly(List.of(1f, 2f));
        // One wake-up, for the oldest request: the second one did not push it back or add another.
        assertThat(f.timer.requestedDelays()).containsExactly(DELAY);
    }

    @Test
    void aZeroDelayDispatchesWhateverIsQueuedAtOnce() {
        BatcherFixture f = new BatcherFixture(policy(4, 0, 10), manual());
        f.submit(1);
        assertThat(f.executor().batchValues()).containsExactly(List.of(1f));

        f.submit(2);
        f.submit(3);
        f.executor().answer();

        assertThat(f.executor().batchValues()).containsExactly(List.of(1f), List.of(2f, 3f));
        assertThat(f.timer.requestedDelays()).isEmpty();
    }

    @Test
    void theLargestPreferredSizeThatFitsGoesWithoutWaiting() {
        BatcherFixture f = new BatcherFixture(policy(8, DELAY, 20, 4, 2, 4), manual());
        f.submit(1);
        assertThat(f.executor().batchValues()).isEmpty();
        f.submit(2);
        assertThat(f.executor().batchValues()).containsExactly(List.of(1f, 2f));

        for (int i = 3; i <= 7; i++) {
            f.submit(i); // queued behind the running batch
        }
        f.executor().answer();
        assertThat(f.executor().batchValues()).last().isEqualTo(List.of(3f, 4f, 5f, 6f));

        f.executor().answer();
        assertThat(f.executor().batchValues()).hasSize(2); // one request left: below every preferred size
        f.timer.advance(DELAY);
        assertThat(f.executor().batchValues()).last().isEqualTo(List.of(7f));
    }

    @Test
    void batchesTakeTheOldestRequestsFirstAndEachRequestGetsItsOwnRow() {
        BatcherFixture f = new BatcherFixture(policy(2, DELAY, 10), manual());
        List<CompletableFuture<Prediction>> futures = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            futures.add(f.submit(i));
        }
        f.executor().answer();
        f.executor().answer();
        f.timer.advance(DELAY); // the last one is alone and waits for the delay
        f.executor().answer();

        assertThat(f.executor().batchValues()).containsExactly(List.of(1f, 2f), List.of(3f, 4f), List.of(5f));
        for (int i = 0; i < futures.size(); i++) {
            assertThat(answerOf(futures.get(i)).probabilities()).containsExactly((i + 1) * 10f);
        }
        assertThat(answerOf(futures.get(2)).batchSize()).isEqualTo(2);
        assertThat(answerOf(futures.get(4)).batchSize()).isEqualTo(1);
    }

    @Test
    void aPredictionTellsItsQueueWaitAndItsComputeTime() {
        BatcherFixture f = new BatcherFixture(policy(2, DELAY, 10), manual());
        CompletableFuture<Prediction> first = f.submit(1);
        f.timer.advance(300);
        CompletableFuture<Prediction> second = f.submit(2); // completes the batch at once
        f.ticker.advance(50);
        f.executor().answer();
        assertThat(answerOf(first).queued()).isEqualTo(Duration.ofNanos(300));
        assertThat(answerOf(second).queued()).isZero();
        assertThat(answerOf(first).computed()).isEqualTo(Duration.ofNanos(50));
        assertThat(f.listener.dispatched).containsExactly(2);
        assertThat(f.listener.queueWaits).containsExactly(300L, 0L);
        assertThat(f.listener.completed).containsExactly("2/50/ok");
    }

    @Test
    void twoExecutorsRunTwoBatchesAtTheSameTime() {
        ManualExecutor a = manual();
        ManualExecutor b = manual();
        BatcherFixture f = new BatcherFixture(policy(2, DELAY, 10), a, b);
        List<CompletableFuture<Prediction>> futures = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            futures.add(f.submit(i));
        }

        assertThat(a.busy()).isTrue();
        assertThat(b.busy()).isTrue();
        assertThat(f.batcher.inFlight()).isEqualTo(4);
        b.answer();
        assertThat(futures).extracting(CompletableFuture::isDone).containsExactly(false, false, true, true);
        assertThat(answerOf(futures.get(2)).probabilities()).containsExactly(30f);
        assertThat(a.batchValues()).containsExactly(List.of(1f, 2f));
        assertThat(b.batchValues()).containsExactly(List.of(3f, 4f));
    }

    @Test
    void anExecutorNeverGetsASecondBatchWhileItsFirstRuns() {
        BatcherFixture f = new BatcherFixture(policy(1, 0, 10), manual());
        f.submit(1);
        f.submit(2);
        f.submit(3);
        assertThat(f.executor().batchValues()).hasSize(1);
        f.executor().answer();
        f.executor().answer();
        assertThat(f.executor().batchValues()).hasSize(3);
        assertThat(f.executor().overlapped()).isFalse();
    }

    @Test
    void queueDepthAndInFlightCountRequestsAsTheyMove() {
        BatcherFixture f = new BatcherFixture(policy(2, DELAY, 10), manual());
        assertThat(f.batcher.queueDepth()).isZero();
        f.submit(1);
        assertThat(f.batcher.queueDepth()).isEqualTo(1);
        assertThat(f.batcher.inFlight()).isZero();
        f.submit(2);
        f.submit(3);
        assertThat(f.batcher.queueDepth()).isEqualTo(1);
        assertThat(f.batcher.inFlight()).isEqualTo(2);

        f.executor().answer();
        assertThat(f.batcher.inFlight()).isZero();
        assertThat(f.batcher.queueDepth()).isEqualTo(1);
        f.timer.advance(DELAY);
        assertThat(f.batcher.queueDepth()).isZero();
        assertThat(f.batcher.inFlight()).isEqualTo(1);
    }

    @Test
    void noWakeUpIsPendingWhileEveryExecutorIsBusyAndOneFreeingSchedulesItForTheOldestRequest() {
        BatcherFixture f = new BatcherFixture(policy(2, DELAY, 10), manual());
        f.submit(1);
        f.submit(2); // full batch, executor busy
        long enqueued = f.ticker.nanos();
        f.submit(3);
        assertThat(f.timer.pendingCount()).isZero();

        f.ticker.advance(400);
        f.executor().answer();
        assertThat(f.timer.onlyDueTime()).isEqualTo(enqueued + DELAY);
        f.timer.advance(DELAY - 400);
        assertThat(f.executor().batchValues()).last().isEqualTo(List.of(3f));
    }

    @Test
    void aWakeUpThatFiresEarlyWaitsAgainForTheRestOfTheDelay() {
        BatcherFixture f = new BatcherFixture(policy(4, DELAY, 10), manual());
        f.submit(1);
        f.ticker.advance(300);
        f.timer.fireEarly();

        assertThat(f.executor().batchValues()).isEmpty();
        assertThat(f.timer.requestedDelays()).containsExactly(DELAY, DELAY - 300);
        f.timer.advance(DELAY - 300);
        assertThat(f.executor().batchValues()).containsExactly(List.of(1f));
    }
}
