package org.cnnserve.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ModelWorkerTests {

    /** Echoes the input's first value as the only "probability", after an optional gate opens. */
    private static final class EchoModel implements BatchModel {
        final CountDownLatch gate;
        final List<Float> seen = new ArrayList<>();

        EchoModel(CountDownLatch gate) {
            this.gate = gate;
        }

        @Override
        public float[][] predict(float[][] inputs) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            float[][] out = new float[inputs.length][];
            for (int i = 0; i < inputs.length; i++) {
                if (inputs[i][0] < 0) {
                    throw new IllegalStateException("negative input");
                }
                seen.add(inputs[i][0]);
                out[i] = new float[] {inputs[i][0]};
            }
            return out;
        }
    }

    @Test
    void answersEachRequestWithItsOwnPrediction() throws Exception {
        ModelWorker worker = ModelWorker.start("echo", 8, () -> new EchoModel(new CountDownLatch(0)), new float[] {0});
        worker.ready().get(10, TimeUnit.SECONDS);
        CompletableFuture<Prediction> a = worker.submit(new float[] {1});
        CompletableFuture<Prediction> b = worker.submit(new float[] {2});
        assertThat(a.get(10, TimeUnit.SECONDS).probabilities()).containsExactly(1f);
        assertThat(b.get(10, TimeUnit.SECONDS).probabilities()).containsExactly(2f);
        worker.stop(Duration.ofSeconds(5));
    }

    @Test
    void rejectsAtOnceWhenTheQueueIsFull() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        EchoModel model = new EchoModel(gate);
        // Warm-up waits on the gate too, so nothing is taken off the queue until the gate opens.
        ModelWorker worker = ModelWorker.start("full", 2, () -> model, new float[] {0});
        CompletableFuture<Prediction> first = worker.submit(new float[] {1});
        CompletableFuture<Prediction> second = worker.submit(new float[] {2});
        CompletableFuture<Prediction> third = worker.submit(new float[] {3});
        assertThat(third).isCompletedExceptionally();
        assertThatThrownBy(third::get).hasCauseInstanceOf(QueueFullException.class);
        gate.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).probabilities()).containsExactly(1f);
        assertThat(second.get(10, TimeUnit.SECONDS).probabilities()).containsExactly(2f);
        worker.stop(Duration.ofSeconds(5));
    }

    @Test
    void aFailingRequestFailsAloneAndTheWorkerGoesOn() throws Exception {
        ModelWorker worker = ModelWorker.start("fails", 8, () -> new EchoModel(new CountDownLatch(0)), new float[] {0});
        worker.ready().get(10, TimeUnit.SECONDS);
        CompletableFuture<Prediction> bad = worker.submit(new float[] {-1});
        CompletableFuture<Prediction> good = worker.submit(new float[] {4});
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(good.get(10, TimeUnit.SECONDS).probabilities()).containsExactly(4f);
        worker.stop(Duration.ofSeconds(5));
    }

    @Test
    void aReplicaThatCannotBeBuiltFailsReadyWithTheCause() {
        ModelWorker worker = ModelWorker.start("broken", 8, () -> {
            throw new IllegalArgumentException("no weights");
        }, new float[] {0});
        assertThatThrownBy(() -> worker.ready().get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalArgumentException.class).hasMessageContaining("no weights");
        assertThat(worker.submit(new float[] {1})).isCompletedExceptionally();
    }

    @Test
    void stopFinishesWhatWasQueuedAndThenRejects() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ModelWorker worker = ModelWorker.start("drain", 8, () -> new EchoModel(gate), new float[] {0});
        List<CompletableFuture<Prediction>> accepted = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            accepted.add(worker.submit(new float[] {i}));
        }
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> worker.stop(Duration.ofSeconds(30)));
        gate.countDown();
        stopped.get(30, TimeUnit.SECONDS);
        for (int i = 0; i < accepted.size(); i++) {
            assertThat(accepted.get(i).get().probabilities()).containsExactly(i + 1f);
        }
        assertThatThrownBy(() -> worker.submit(new float[] {9}).get()).hasCauseInstanceOf(WorkerStoppedException.class);
    }
}
