package org.cnnserve.classify;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.cnnserve.serving.Prediction;
import org.cnnserve.serving.Timer;

/**
 * The predictions of one request's queued images, awaited without holding a thread. The answer
 * completes with every prediction in the order the images were queued, or fails with the first
 * failure, or with the deadline's error once the timeout passes on the timer. Whatever ends it
 * early cancels the images still queued, which the scheduler then skips and never runs.
 */
final class PendingPredictions {

    private PendingPredictions() {
    }

    /**
     * @param queued           the images' futures, in order, as the scheduler handed them back
     * @param timeout          from now until the request's deadline
     * @param deadlineExceeded the error the answer fails with when the timeout passes first
     * @return a future that fails with the cause itself, never a {@link CompletionException}
     */
    static CompletableFuture<List<Prediction>> await(List<CompletableFuture<Prediction>> queued, Duration timeout,
                                                    Timer timer, Supplier<RuntimeException> deadlineExceeded) {
        CompletableFuture<List<Prediction>> answer = new CompletableFuture<>();
        AtomicInteger unanswered = new AtomicInteger(queued.size());
        for (CompletableFuture<Prediction> image : queued) {
            image.whenComplete((prediction, error) -> {
                if (error != null) {
                    answer.completeExceptionally(unwrap(error));
                } else if (unanswered.decrementAndGet() == 0) {
                    answer.complete(queued.stream().map(CompletableFuture::join).toList());
                }
            });
        }
        AtomicReference<Timer.Cancellable> deadline = new AtomicReference<>();
        if (!answer.isDone()) {
            try {
                deadline.set(timer.schedule(() -> answer.completeExceptionally(deadlineExceeded.get()),
                        timeout.toNanos()));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e); // the timer is closed: the service is stopping
            }
        }
        answer.whenComplete((predictions, error) -> {
            Timer.Cancellable pending = deadline.get();
            if (pending != null) {
                pending.cancel();
            }
            if (error != null) {
                // Cancelling tells the scheduler to skip an image it has not dispatched yet.
                queued.forEach(image -> image.cancel(false));
            }
        });
        return answer;
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
