package org.cnnserve.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DynamicBatcherConcurrencyTests {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 200;

    /** A replica on a real thread; it notes each input it ran and whether it was ever given two batches. */
    private static final class ThreadedExecutor implements BatchExecutor {
        final ExecutorService thread = Executors.newSingleThreadExecutor();
        final AtomicBoolean running = new AtomicBoolean();
        final AtomicBoolean overlapped = new AtomicBoolean();
        final AtomicIntegerArray runs;

        ThreadedExecutor(AtomicIntegerArray runs) {
            this.runs = runs;
        }

        @Override
        public CompletableFuture<float[][]> execute(float[][] inputs) {
            if (!running.compareAndSet(false, true)) {
                overlapped.set(true);
            }
            return CompletableFuture.supplyAsync(() -> {
                for (float[] input : inputs) {
                    runs.incrementAndGet((int) input[0]);
                }
                running.set(false); // before the future completes, which may hand over the next batch
                return ManualExecutor.answerTo(inputs);
            }, thread);
        }
    }

    @Test
    @Timeout(60)
    void underConcurrentSubmitsEveryRequestIsAnsweredOnceWithItsOwnAnswer() throws Exception {
        AtomicIntegerArray runs = new AtomicIntegerArray(THREADS * PER_THREAD);
        List<ThreadedExecutor> replicas = List.of(new ThreadedExecutor(runs), new ThreadedExecutor(runs));
        BatchPolicy policy = new BatchPolicy(8, Duration.ofMillis(1), List.of(4), THREADS * PER_THREAD);
        AtomicIntegerArray completions = new AtomicIntegerArray(THREADS * PER_THREAD);
        List<CompletableFuture<Prediction>> futures = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(THREADS);
        try (DaemonTimer timer = Timer.daemon("batcher-test-timer")) {
            DynamicBatcher batcher = new DynamicBatcher("concurrent", policy, replicas, Ticker.system(), timer,
                    BatchListener.NONE);
            List<CompletableFuture<List<CompletableFuture<Prediction>>>> submitters = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t * PER_THREAD;
                submitters.add(CompletableFuture.supplyAsync(() -> {
                    List<CompletableFuture<Prediction>> mine = new ArrayList<>();
                    for (int i = first; i < first + PER_THREAD; i++) {
                        int id = i;
                        CompletableFuture<Prediction> f = batcher.submit(new float[] {id}, Scheduler.NO_DEADLINE);
                        f.whenComplete((p, e) -> completions.incrementAndGet(id));
                        mine.add(f);
                    }
                    return mine;
                }, clients));
            }
            for (CompletableFuture<List<CompletableFuture<Prediction>>> submitter : submitters) {
                futures.addAll(submitter.get(30, TimeUnit.SECONDS));
            }
            batcher.stop().get(30, TimeUnit.SECONDS);

            for (int id = 0; id < futures.size(); id++) {
                assertThat(futures.get(id).getNow(null).probabilities()).containsExactly(id * 10f);
                assertThat(completions.get(id)).as("completions of request %d", id).isEqualTo(1);
                assertThat(runs.get(id)).as("runs of request %d", id).isEqualTo(1);
            }
            assertThat(replicas).noneMatch(r -> r.overlapped.get());
            assertThat(batcher.queueDepth()).isZero();
            assertThat(batcher.inFlight()).isZero();
        } finally {
            clients.shutdownNow();
            replicas.forEach(r -> r.thread.shutdownNow());
        }
    }
}
