package org.cnnserve.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReplicaWorkerTests {

    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final DeviceBinding UNBOUND = device -> { };

    /** Answers each input's first value; an input of -1 makes it throw an Error, as native code can. */
    private record Echo(List<String> threads) implements BatchModel {
        @Override
        public float[][] predict(float[][] inputs) {
            threads.add(Thread.currentThread().getName());
            float[][] out = new float[inputs.length][];
            for (int i = 0; i < inputs.length; i++) {
                if (inputs[i][0] == -1) {
                    throw new OutOfMemoryError("native allocation failed");
                }
                out[i] = new float[] {inputs[i][0]};
            }
            return out;
        }
    }

    @Test
    void buildsWarmsAndRunsTheReplicaOnItsOwnThread() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        List<String> builtOn = new CopyOnWriteArrayList<>();
        ReplicaWorker worker = ReplicaWorker.start("m:1#0", Device.CPU, UNBOUND, () -> {
            builtOn.add(Thread.currentThread().getName());
            return new Echo(threads);
        }, new float[] {0});
        worker.ready().get(10, TimeUnit.SECONDS);

        float[][] out = worker.execute(new float[][] {{1}, {2}}).get(10, TimeUnit.SECONDS);

        assertThat(out).isDeepEqualTo(new float[][] {{1}, {2}});
        assertThat(builtOn).containsExactly("replica-m:1#0");
        assertThat(threads).containsOnly("replica-m:1#0").hasSize(2); // warm-up, then the batch
        worker.stop(GRACE);
    }

    @Test
    void aReplicaThatFailsWithAnErrorFailsItsBatchAndIsReplaced() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        ReplicaWorker worker = ReplicaWorker.start("m:1#0", Device.CPU, UNBOUND, () -> {
            builds.incrementAndGet();
            return new Echo(new CopyOnWriteArrayList<>());
        }, new float[] {0});
        worker.ready().get(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> worker.execute(new float[][] {{-1}}).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(OutOfMemoryError.class);
        float[][] next = worker.execute(new float[][] {{5}}).get(10, TimeUnit.SECONDS);

        assertThat(next).isDeepEqualTo(new float[][] {{5}});
        assertThat(builds).hasValue(2);
        worker.stop(GRACE);
    }

    /** An Echo that records, with the thread, when it is closed, as an ONNX Runtime session must be. */
    private record Closeable(List<String> events) implements BatchModel, AutoCloseable {
        @Override
        public float[][] predict(float[][] inputs) {
            return new Echo(new CopyOnWriteArrayList<>()).predict(inputs);
        }

        @Override
        public void close() {
            events.add("closed on " + Thread.currentThread().getName());
        }
    }

    @Test
    void aReplicaThatHoldsNativeMemoryIsClosedWhenReplacedAndWhenTheWorkerStops() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        ReplicaWorker worker = ReplicaWorker.start("m:1#0", Device.CPU, UNBOUND, () -> {
            events.add("built");
            return new Closeable(events);
        }, new float[] {0});
        worker.ready().get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> worker.execute(new float[][] {{-1}}).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(OutOfMemoryError.class);
        worker.execute(new float[][] {{5}}).get(10, TimeUnit.SECONDS);

        assertThat(events).containsExactly("built", "built", "closed on replica-m:1#0");
        worker.stop(GRACE);

        assertThat(events).containsExactly("built", "built", "closed on replica-m:1#0", "closed on replica-m:1#0");
    }

    @Test
    void aReplicaThatCannotBeBuiltFailsReadyAndRefusesBatches() {
        ReplicaWorker worker = ReplicaWorker.start("m:1#0", Device.CPU, UNBOUND, () -> {
            throw new IllegalStateException("no weights");
        }, new float[] {0});
        assertThatThrownBy(() -> worker.ready().get(10, TimeUnit.SECONDS)).hasMessageContaining("no weights");
        assertThat(worker.execute(new float[][] {{1}})).isCompletedExceptionally();
    }

    @Test
    void theThreadIsBoundToItsDeviceBeforeEachBuild() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        DeviceBinding binding = device -> events.add("bind " + device + " on " + Thread.currentThread().getName());
        ReplicaWorker worker = ReplicaWorker.start("m:1#0", Device.parse("gpu:1"), binding, () -> {
            events.add("build");
            return new Echo(new CopyOnWriteArrayList<>());
        }, new float[] {0});
        worker.ready().get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> worker.execute(new float[][] {{-1}}).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(OutOfMemoryError.class);
        worker.execute(new float[][] {{5}}).get(10, TimeUnit.SECONDS); // served by the rebuilt replica

        assertThat(events).containsExactly("bind gpu:1 on replica-m:1#0", "build", "bind gpu:1 on replica-m:1#0",
                "build");
        worker.stop(GRACE);
    }

    @Test
    void aDeviceThatCannotBeBoundFailsReadyWithTheReason() {
        ReplicaWorker worker = ReplicaWorker.start("m:1#0", Device.parse("gpu:0"), device -> {
            throw new IllegalStateException(device + " is not on this backend");
        }, () -> new Echo(new CopyOnWriteArrayList<>()), new float[] {0});
        assertThatThrownBy(() -> worker.ready().get(10, TimeUnit.SECONDS))
                .hasMessageContaining("gpu:0 is not on this backend");
        assertThat(worker.execute(new float[][] {{1}})).isCompletedExceptionally();
    }

    @Test
    void devicesParseAndStateTheirRule() {
        assertThat(Device.parse("cpu")).isEqualTo(Device.CPU);
        assertThat(Device.parse(" GPU:1 ").gpu()).isEqualTo(1);
        assertThatThrownBy(() -> Device.parse("tpu")).hasMessageContaining("'cpu' or 'gpu:N'");
    }
}
