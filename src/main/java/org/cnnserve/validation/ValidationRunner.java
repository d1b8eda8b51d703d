package org.cnnserve.validation;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.datasets.LabelledImages;
import org.cnnserve.imaging.Preprocessor;
import org.cnnserve.registry.ServedModel;
import org.cnnserve.serving.Prediction;
import org.cnnserve.serving.QueueFullException;
import org.cnnserve.serving.WorkerStoppedException;

/**
 * Sends a data set through a model version's scheduler, the queue live requests use, with at most
 * {@code window} of its images waiting or running at a time: a live request queues behind at most
 * that many validation images, so validation takes a share of the model and never starves it.
 * When live traffic fills the queue, the job waits and tries again rather than failing.
 */
final class ValidationRunner {

    private static final long QUEUE_FULL_BACKOFF_MS = 5;

    private final Clock clock;

    ValidationRunner(Clock clock) {
        this.clock = clock;
    }

    /** An end other than success: the job's state and reason. */
    static final class Ended extends Exception {
        final JobState state;

        Ended(JobState state, String reason, Throwable cause) {
            super(reason, cause);
            this.state = state;
        }
    }

    ValidationReport run(ValidationJob job, ServedModel served, LabelledImages data, int[] mapping, int window)
            throws Ended, InterruptedException {
        int n = job.limit == 0 ? data.size() : Math.min(job.limit, data.size());
        Tally tally = new Tally(served.labels(), n);
        job.running(n, tally);
        Instant started = clock.instant();
        long start = System.nanoTime();
        InputShape shape = served.config().input();
        Semaphore slots = new Semaphore(window);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            for (int i = 0; i < n && failure.get() == null && !job.cancelRequested(); i++) {
                float[] input = Preprocessor.toTensor(data.image(i), served.config().preprocessing(), shape.height(),
                        shape.width());
                int trueClass = mapping[data.label(i)];
                slots.acquire();
                submit(served, input, trueClass, tally, slots, failure);
            }
        } finally {
            slots.acquire(window); // every image sent is answered before the job ends
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Throwable error = failure.get();
        if (error instanceof WorkerStoppedException || job.cancelRequested()) {
            throw new Ended(JobState.CANCELLED, "the service is stopping", error);
        }
        if (error != null) {
            throw new Ended(JobState.FAILED, "image answered with " + error.getClass().getSimpleName() + ": "
                    + error.getMessage(), error);
        }
        return tally.report(job.model, served.version(), job.dataset, job.trigger, started, clock.instant(), seconds);
    }

    private static void submit(ServedModel served, float[] input, int trueClass, Tally tally, Semaphore slots,
                               AtomicReference<Throwable> failure) throws InterruptedException {
        while (true) {
            long sent = System.nanoTime();
            CompletableFuture<Prediction> result = served.submit(input, null).result();
            if (refusedForSpace(result)) {
                Thread.sleep(QUEUE_FULL_BACKOFF_MS);
                continue;
            }
            result.whenComplete((prediction, error) -> {
                try {
                    if (error == null) {
                        tally.record(trueClass, prediction.probabilities(), System.nanoTime() - sent);
                    } else {
                        failure.compareAndSet(null, error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error);
                    }
                } finally {
                    slots.release();
                }
            });
            return;
        }
    }

    /** The scheduler refuses a full queue at once, so the answer is already there. */
    private static boolean refusedForSpace(CompletableFuture<Prediction> result) {
        if (!result.isCompletedExceptionally()) {
            return false;
        }
        try {
            result.get();
            return false;
        } catch (ExecutionException e) {
            return e.getCause() instanceof QueueFullException;
        } catch (InterruptedException | RuntimeException e) {
            return false;
        }
    }
}
