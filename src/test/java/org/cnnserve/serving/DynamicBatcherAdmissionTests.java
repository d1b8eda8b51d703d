package org.cnnserve.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cnnserve.serving.BatcherFixture.answerOf;
import static org.cnnserve.serving.BatcherFixture.failureOf;
import static org.cnnserve.serving.BatcherFixture.policy;
import static org.cnnserve.serving.ManualExecutor.manual;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A safety net only: every test is driven by hand and never waits; a bug must fail, not hang.
@Timeout(10)
class DynamicBatcherAdmissionTests {

    private static final long DELAY = 1_000;

    @Test
    void inputsSubmittedTogetherShareABatchEvenWhenAReplicaIsIdle() {
        BatcherFixture f = new BatcherFixture(policy(4, 0, 10), manual());

        List<CompletableFuture<Prediction>> results = f.batcher.submitAll(
                List.of(new float[] {1}, new float[] {2}, new float[] {3}), Scheduler.NO_DEADLINE);

        assertThat(f.executor().batchValues()).containsExactly(List.of(1f, 2f, 3f));
        f.executor().answer();
        assertThat(results).extracting(r -> answerOf(r).probabilities()[0]).containsExactly(10f, 20f, 30f);
    }

    @Test
    void inputsSubmittedTogetherAreAdmittedAllOrNone() {
        BatcherFixture f = new BatcherFixture(policy(1, 0, 3), manual());
        f.submit(1); // running
        f.submit(2); // queued: two places left

        List<CompletableFuture<Prediction>> refused = f.batcher.submitAll(
                List.of(new float[] {3}, new float[] {4}, new float[] {5}), Scheduler.NO_DEADLINE);

        assertThat(refused).allSatisfy(r -> assertThat(failureOf(r)).isInstanceOf(QueueFullException.class));
        assertThat(f.batcher.queueDepth()).isEqualTo(1);
        List<CompletableFuture<Prediction>> admitted = f.batcher.submitAll(
                List.of(new float[] {3}, new float[] {4}), Scheduler.NO_DEADLINE);
        assertThat(admitted).noneMatch(CompletableFuture::isDone);
        assertThat(f.batcher.queueDepth()).isEqualTo(3);
    }

    @Test
    void aRequestWhoseDeadlinePassesInTheQueueFailsAndIsNeverRun() {
        BatcherFixture f = new BatcherFixture(policy(1, 0, 10), manual());
        f.submit(1);
        CompletableFuture<Prediction> late = f.submit(2, f.ticker.nanos() + 100);
        CompletableFuture<Prediction> onTime = f.submit(3);

        f.ticker.advance(100); // the deadline is now: that is too late
        f.executor().answer();

        assertThat(failureOf(late)).isInstanceOf(DeadlineExceededException.class)
                .hasMessageContaining("test-model").hasMessageContaining("not run");
        assertThat(f.executor().batchValues()).containsExactly(List.of(1f), List.of(3f));
        f.executor().answer();
        assertThat(answerOf(onTime).probabilities()).containsExactly(30f);
    }

    @Test
    void aRequestWhoseDeadlinePassesWhileWaitingForTheDelayFailsWhenTheDelayIsUp() {
        BatcherFixture f = new BatcherFixture(policy(4, DELAY, 10), manual());
        CompletableFuture<Prediction> late = f.submit(1, f.ticker.nanos() + 10);

        f.timer.advance(DELAY);

        assertThat(failureOf(late)).isInstanceOf(DeadlineExceededException.class);
        assertThat(f.executor().batchValues()).isEmpty();
        assertThat(f.batcher.queueDepth()).isZero();
    }

    @Test
    void aRequestSubmittedPastItsDeadlineFailsAtOnce() {
        BatcherFixture f = new BatcherFixture(policy(4, DELAY, 10), manual());
        CompletableFuture<Prediction> late = f.submit(1, f.ticker.nanos());

        assertThat(failureOf(late)).isInstanceOf(DeadlineExceededException.class);
        assertThat(f.batcher.queueDepth()).isZero();
    }

    @Test
    void aRequestTheCallerCancelledIsSkipped() {
        BatcherFixture f = new BatcherFixture(policy(2, 0, 10), manual());
        f.submit(1);
        CompletableFuture<Prediction> cancelled = f.submit(2);
        CompletableFuture<Prediction> kept = f.submit(3);
        cancelled.cancel(false);

        f.executor().answer();

        assertThat(f.executor().batchValues()).containsExactly(List.of(1f), List.of(3f));
        f.executor().answer();
        assertThat(answerOf(kept).probabilities()).containsExactly(30f);
    }

    @Test
    void aRequestTheCallerCompletedItselfIsSkipped() {
        BatcherFixture f = new BatcherFixture(policy(2, DELAY, 10), manual());
        CompletableFuture<Prediction> answeredElsewhere = f.submit(1);
        answeredElsewhere.complete(null);

        f.timer.advance(DELAY);

        assertThat(f.executor().batchValues()).isEmpty();
    }

    @Test
    void aFullQueueRejectsAtOnceAndAdmitsAgainOnceRoomFrees() {
        BatcherFixture f = new BatcherFixture(policy(1, 0, 2), manual());
        f.submit(1); // running, not queued
        f.submit(2);
        f.submit(3);

        CompletableFuture<Prediction> rejected = f.submit(4);
        assertThat(failureOf(rejected)).isInstanceOf(QueueFullException.class);
        assertThat(f.batcher.queueDepth()).isEqualTo(2);

        f.executor().answer(); // request 2 leaves the queue for the executor
        CompletableFuture<Prediction> admitted = f.submit(5);
        assertThat(admitted).isNotDone();
        assertThat(f.batcher.queueDepth()).isEqualTo(2);
    }

    @Test
    void cancelledRequestsGiveUpTheirPlacesInAFullQueue() {
        BatcherFixture f = new BatcherFixture(policy(1, 0, 2), manual());
        f.submit(1);
        f.submit(2).cancel(false);
        f.submit(3);

        CompletableFuture<Prediction> admitted = f.submit(4);

        assertThat(admitted).isNotDone();
        f.executor().answer();
        f.executor().answer();
        f.executor().answer();
        assertThat(f.executor().batchValues()).containsExactly(List.of(1f), List.of(3f), List.of(4f));
        assertThat(answerOf(admitted).probabilities()).containsExactly(40f);
    }

    @Test
    void expiredRequestsFailWhenAFullQueueMakesRoom() {
        BatcherFixture f = new BatcherFixture(policy(1, 0, 1), manual());
        f.submit(1);
        CompletableFuture<Prediction> late = f.submit(2, f.ticker.nanos() + 5);
        f.ticker.advance(5);

        CompletableFuture<Prediction> admitted = f.submit(3);

        assertThat(failureOf(late)).isInstanceOf(DeadlineExceededException.class);
        assertThat(admitted).isNotDone();
        assertThat(f.batcher.queueDepth()).isEqualTo(1);
    }
}
