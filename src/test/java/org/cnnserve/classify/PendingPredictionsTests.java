package org.cnnserve.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.cnnserve.serving.DeadlineExceededException;
import org.cnnserve.serving.Prediction;
import org.cnnserve.serving.QueueFullException;
import org.cnnserve.serving.Timer;
import org.junit.jupiter.api.Test;

class PendingPredictionsTests {

    private static final Duration TIMEOUT = Duration.ofMillis(250);

    private final HandTimer timer = new HandTimer();

    @Test
    void answersInTheOrderTheImagesWereQueuedWhateverOrderTheyFinishIn() {
        List<CompletableFuture<Prediction>> queued = queued(3);
        CompletableFuture<List<Prediction>> answer = await(queued);

        queued.get(2).complete(prediction(3));
        queued.get(0).complete(prediction(1));
        assertThat(answer).isNotDone();
        queued.get(1).complete(prediction(2));

        assertThat(answer.join()).extracting(p -> p.probabilities()[0]).containsExactly(1f, 2f, 3f);
        assertThat(timer.cancelled).isTrue();
    }

    @Test
    void theDeadlineFailsTheAnswerOnTheTimerAndCancelsTheImagesStillQueued() {
        List<CompletableFuture<Prediction>> queued = queued(2);
        queued.get(0).complete(prediction(1));
        CompletableFuture<List<Prediction>> answer = await(queued);
        assertThat(timer.delays).containsExactly(TIMEOUT.toNanos());

        timer.fire();

        assertThat(failureOf(answer)).isInstanceOf(DeadlineExceededException.class).hasMessageContaining("m version 1");
        assertThat(queued.get(1)).isCancelled(); // so that the scheduler skips it
        assertThat(queued.get(0).join().probabilities()[0]).isEqualTo(1f);
    }

    @Test
    void oneImageFailingFailsTheAnswerWithItsOwnCauseAndCancelsTheOthers() {
        List<CompletableFuture<Prediction>> queued = queued(3);
        CompletableFuture<List<Prediction>> answer = await(queued);

        queued.get(1).completeExceptionally(new CompletionException(new QueueFullException("m", 4)));

        assertThat(failureOf(answer)).isInstanceOf(QueueFullException.class);
        assertThat(queued.get(0)).isCancelled();
        assertThat(queued.get(2)).isCancelled();
        assertThat(timer.cancelled).isTrue();
    }

    @Test
    void imagesRefusedAtOnceFailTheAnswerWithoutArmingTheTimer() {
        List<CompletableFuture<Prediction>> queued = List.of(CompletableFuture.failedFuture(new QueueFullException("m", 4)),
                CompletableFuture.failedFuture(new QueueFullException("m", 4)));

        assertThat(failureOf(await(queued))).isInstanceOf(QueueFullException.class);
        assertThat(timer.delays).isEmpty();
    }

    @Test
    void aClosedTimerFailsTheAnswerInsteadOfLeavingItWithoutADeadline() {
        List<CompletableFuture<Prediction>> queued = queued(1);
        Timer closed = (task, delay) -> {
            throw new RejectedExecutionException("closed");
        };

        CompletableFuture<List<Prediction>> answer = PendingPredictions.await(queued, TIMEOUT, closed,
                () -> new DeadlineExceededException("m version 1", TIMEOUT));

        assertThat(failureOf(answer)).isInstanceOf(RejectedExecutionException.class);
        assertThat(queued.get(0)).isCancelled();
    }

    private CompletableFuture<List<Prediction>> await(List<CompletableFuture<Prediction>> queued) {
        return PendingPredictions.await(queued, TIMEOUT, timer,
                () -> new DeadlineExceededException("m version 1", TIMEOUT));
    }

    private static List<CompletableFuture<Prediction>> queued(int images) {
        List<CompletableFuture<Prediction>> queued = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            queued.add(new CompletableFuture<>());
        }
        return queued;
    }

    private static Prediction prediction(float value) {
        return new Prediction(new float[] {value}, Duration.ofMillis(1), Duration.ofMillis(2), 1);
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        assertThat(future).isCompletedExceptionally();
        return future.handle((value, error) -> error).join();
    }

    /** Runs its one task only when the test fires it. */
    private static final class HandTimer implements Timer {
        final List<Long> delays = new ArrayList<>();
        Runnable task;
        boolean cancelled;

        @Override
        public Cancellable schedule(Runnable task, long delayNanos) {
            delays.add(delayNanos);
            this.task = task;
            return () -> cancelled = true;
        }

        void fire() {
            if (!cancelled) {
                task.run();
            }
        }
    }
}
