package org.cnnserve.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
    void rebuildsAreReportedToTheListenerWithWhetherTheyWorked() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        List<Boolean> rebuilds = new CopyOnWriteArrayList<>();
        ReplicaListener listener = new ReplicaListener() {
            @Override
            public void rebuilt(boolean rebuilt) {
                rebuilds.add(rebuilt);
            }
        };
        ReplicaWorker worker = ReplicaWorker.start("m:1#0", Device.CPU, UNBOUND, () -> {
            if (builds.incrementAndGet() == 3) {
                throw new IllegalStateException("no memory left for a third replica");
            }
            return new Echo(new CopyOnWriteArrayList<>());
        }, new float[] {0}, listener);
        worker.ready().get(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> worker.execute(new float[][] {{-1}}).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(OutOfMemoryError.class);
        worker.execute(new float[][] {{5}}).get(10, TimeUnit.SECONDS); // waits for the first rebuild
        assertThat(rebuilds).containsExactly(true);
        assertThatThrownBy(() -> worker.execute(new float[][] {{-1}}).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(OutOfMemoryError.class);
        worker.stop(GRACE); // joins the thread, so the failed rebuild has been reported

        assertThat(rebuilds).containsExactly(true, false);
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
    void aReplicaThatCannotBeRebuiltRetiresWithTheReasonAndTakesNoMoreBatches() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        ReplicaWorker worker = ReplicaWorker.start("m:1#0", Device.CPU, UNBOUND, () -> {
            if (builds.incrementAndGet() > 1) {
                throw new IllegalStateException("m/1/model.zip vanished");
            }
            return new Echo(new CopyOnWriteArrayList<>());
        }, new float[] {0});
        worker.ready().get(10, TimeUnit.SECONDS);
        assertThat(worker.retired()).isNotDone();

        assertThatThrownBy(() -> worker.execute(new float[][] {{-1}}).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(OutOfMemoryError.class);

        assertThat(worker.retired().get(10, TimeUnit.SECONDS))
                .isEqualTo("replica m:1#0 could not be rebuilt: m/1/model.zip vanished");
        assertThatThrownBy(() -> worker.execute(new float[][] {{5}}).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(ReplicaLostException.class)
                .hasMessageContaining("m/1/model.zip vanished");
        assertThat(builds).hasValue(2);
    }

    /** Echo, except that an input of 7 blocks its batch until the test releases it, as a stuck native call. */
    private static final class Stuck implements BatchModel {
        final CompletableFuture<String> entered = new CompletableFuture<>();
        final CompletableFuture<Void> release = new CompletableFuture<>();

        @Override
        public float[][] predict(float[][] inputs) {
            if (inputs[0][0] == 7) {
                entered.complete(Thread.currentThread().getName());
                release.join();
            }
            return new float[][] {{inputs[0][0]}};
        }
    }

    @Test
    void aBatchPastItsLimitFailsAsLostAndAReplacementReplicaServesTheNext() throws Exception {
        FakeTicker ticker = new FakeTicker();
        FakeTimer timer = new FakeTimer(ticker);
        List<Stuck> built = new CopyOnWriteArrayList<>();
        ReplicaWorker worker = ReplicaWorker.start("m:1#0", Device.CPU, UNBOUND, () -> {
            Stuck replica = new Stuck();
            built.add(replica);
            return replica;
        }, new float[] {0}, new Watchdog(ticker, timer, null));
        worker.ready().get(10, TimeUnit.SECONDS);

        CompletableFuture<float[][]> stuck = worker.execute(new float[][] {{7}});
        String stuckThread = built.get(0).entered.get(10, TimeUnit.SECONDS);
        timer.advance(Watchdog.FLOOR.toNanos() - 1);
        assertThat(stuck).as("not yet past the limit").isNotDone();
        timer.advance(1);

        assertThatThrownBy(() -> stuck.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(ReplicaLostException.class)
                .hasMessageContaining("past its limit of PT5S");
        assertThat(worker.execute(new float[][] {{5}}).get(10, TimeUnit.SECONDS)).isDeepEqualTo(new float[][] {{5}});
        assertThat(built).as("the replacement").hasSize(2);
        assertThat(worker.retired()).isNotDone();

        built.get(0).release.complete(null); // the abandoned thread ends; its late answer goes nowhere
        assertThat(stuck.isCompletedExceptionally()).isTrue();
        assertThat(stuckThread).isEqualTo("replica-m:1#0");
        worker.stop(GRACE);
    }

    @Test
    void aBatchAnsweredInTimeLeavesNoWatchPending() throws Exception {
        FakeTicker ticker = new FakeTicker();
        FakeTimer timer = new FakeTimer(ticker);
        ReplicaWorker worker = ReplicaWorker.start("m:1#0", Device.CPU, UNBOUND, Stuck::new, new float[] {0},
                new Watchdog(ticker, timer, Duration.ofSeconds(2)));
        worker.ready().get(10, TimeUnit.SECONDS);

        worker.execute(new float[][] {{3}}).get(10, TimeUnit.SECONDS);

        assertThat(timer.requestedDelays()).containsExactly(Duration.ofSeconds(2).toNanos());
        assertThat(timer.pendingCount()).isZero();
        worker.stop(GRACE);
    }

    @Test
    void aStuckReplicaWhoseReplacementCannotBeBuiltRetires() throws Exception {
        FakeTicker ticker = new FakeTicker();
        FakeTimer timer = new FakeTimer(ticker);
        Stuck first = new Stuck();
        AtomicInteger builds = new AtomicInteger();
        ReplicaWorker worker = ReplicaWorker.start("m:1#0", Device.CPU, UNBOUND, () -> {
            if (builds.incrementAndGet() > 1) {
                throw new IllegalStateException("out of device memory");
            }
            return first;
        }, new float[] {0}, new Watchdog(ticker, timer, null));
        worker.ready().get(10, TimeUnit.SECONDS);

        CompletableFuture<float[][]> stuck = worker.execute(new float[][] {{7}});
        first.entered.get(10, TimeUnit.SECONDS);
        timer.advance(Watchdog.FLOOR.toNanos());

        assertThat(worker.retired().get(10, TimeUnit.SECONDS)).contains("out of device memory");
        assertThat(stuck).isCompletedExceptionally();
        first.release.complete(null);
    }

    /** Stuck that holds native memory: closing it records the thread it was closed on. */
    private static final class StuckCloseable implements BatchModel, AutoCloseable {
        final Stuck stuck = new Stuck();
        final CompletableFuture<String> closed = new CompletableFuture<>();

        @Override
        public float[][] predict(float[][] inputs) {
            return stuck.predict(inputs);
        }

        @Override
        public void close() {
            closed.complete(Thread.currentThread().getName());
        }
    }

    @Test
    void anAbandonedReplicaIsClosedOnItsOwnThreadOnceItsBatchEndsAndTheReplacementWhenTheWorkerStops()
            throws Exception {
        FakeTicker ticker = new FakeTicker();
        FakeTimer timer = new FakeTimer(ticker);
        List<StuckCloseable> built = new CopyOnWriteArrayList<>();
        ReplicaWorker worker = ReplicaWorker.start("m:1#0", Device.CPU, UNBOUND, () -> {
            StuckCloseable replica = new StuckCloseable();
            built.add(replica);
            return replica;
        }, new float[] {0}, new Watchdog(ticker, timer, null));
        worker.ready().get(10, TimeUnit.SECONDS);
        CompletableFuture<float[][]> stuck = worker.execute(new float[][] {{7}});
        built.get(0).stuck.entered.get(10, TimeUnit.SECONDS);
        timer.advance(Watchdog.FLOOR.toNanos());
        assertThatThrownBy(() -> stuck.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(ReplicaLostException.class);
        worker.execute(new float[][] {{5}}).get(10, TimeUnit.SECONDS);

        assertThat(built.get(0).closed).as("still in its batch: never closed under a running call").isNotDone();
        built.get(0).stuck.release.complete(null);
        assertThat(built.get(0).closed.get(10, TimeUnit.SECONDS)).isEqualTo("replica-m:1#0");

        assertThat(built.get(1).closed).isNotDone();
        worker.stop(GRACE);
        assertThat(built.get(1).closed.get(10, TimeUnit.SECONDS)).isEqualTo("replica-m:1#0-1");
    }

    @Test
    void aReplicaIsClosedWhenItCannotBeRebuiltAndWhenItsWarmUpFails() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        AtomicInteger builds = new AtomicInteger();
        ReplicaWorker worker = ReplicaWorker.start("m:1#0", Device.CPU, UNBOUND, () -> {
            if (builds.incrementAndGet() > 1) {
                throw new IllegalStateException("m/1/model.zip vanished");
            }
            return new Closeable(events);
        }, new float[] {0});
        worker.ready().get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> worker.execute(new float[][] {{-1}}).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(OutOfMemoryError.class);
        worker.retired().get(10, TimeUnit.SECONDS);
        assertThat(events).containsExactly("closed on replica-m:1#0");

        List<String> warmUp = new CopyOnWriteArrayList<>();
        ReplicaWorker cold = ReplicaWorker.start("m:2#0", Device.CPU, UNBOUND, () -> new Closeable(warmUp),
                new float[] {-1});
        assertThatThrownBy(() -> cold.ready().get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(OutOfMemoryError.class);
        assertThat(warmUp).containsExactly("closed on replica-m:2#0");
    }

    @Test
    void theLimitIsTenWarmUpPassesPerImageAndNeverUnderTheFloor() {
        Watchdog derived = new Watchdog(Ticker.system(), null, null);
        long warmUp = Duration.ofMillis(100).toNanos();

        assertThat(derived.limitNanos(1, warmUp)).as("1 s, under the floor").isEqualTo(Watchdog.FLOOR.toNanos());
        assertThat(derived.limitNanos(8, warmUp)).isEqualTo(Duration.ofSeconds(8).toNanos());
        assertThat(derived.limitNanos(8, Long.MAX_VALUE / 4)).as("no overflow").isEqualTo(Long.MAX_VALUE);
        assertThat(new Watchdog(Ticker.system(), null, Duration.ofSeconds(2)).limitNanos(8, warmUp))
                .isEqualTo(Duration.ofSeconds(2).toNanos());
        assertThatThrownBy(() -> new Watchdog(Ticker.system(), null, Duration.ZERO))
                .hasMessageContaining("must be positive");
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
