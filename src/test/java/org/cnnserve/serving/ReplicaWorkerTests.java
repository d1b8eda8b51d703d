package org.cnnserve.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

class ReplicaWorkerTests {

    private static final Duration GRACE = Duration.ofSeconds(10);

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
        ReplicaWorker worker = ReplicaWorker.start("m:1#0", Device.CPU, () -> {
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
    void aCpuReplicaComputesWithOpenMpOnItsShareOfTheCores() throws Exception {
        int before = Nd4j.getEnvironment().maxMasterThreads();
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int threadDefault = onANewThread(ops::ompGetMaxThreads);
        int share = threadDefault == 1 ? 2 : 1; // differs from what an unconfigured thread gets
        try {
            NativeThreads.use(share);
            List<Integer> openMpThreads = new CopyOnWriteArrayList<>();
            ReplicaWorker worker = ReplicaWorker.start("m:1#0", Device.CPU, () -> {
                openMpThreads.add(ops.ompGetMaxThreads());
                return new Echo(new CopyOnWriteArrayList<>());
            }, new float[] {0});
            worker.ready().get(10, TimeUnit.SECONDS);
            worker.stop(GRACE);

            assertThat(openMpThreads).containsExactly(share);
        } finally {
            NativeThreads.use(before);
        }
    }

    private static int onANewThread(Callable<Integer> read) throws Exception {
        FutureTask<Integer> task = new FutureTask<>(read);
        new Thread(task).start();
        return task.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aReplicaThatFailsWithAnErrorFailsItsBatchAndIsReplaced() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        ReplicaWorker worker = ReplicaWorker.start("m:1#0", Device.CPU, () -> {
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

    @Test
    void aReplicaThatCannotBeBuiltFailsReadyAndRefusesBatches() {
        ReplicaWorker worker = ReplicaWorker.start("m:1#0", Device.CPU, () -> {
            throw new IllegalStateException("no weights");
        }, new float[] {0});
        assertThatThrownBy(() -> worker.ready().get(10, TimeUnit.SECONDS)).hasMessageContaining("no weights");
        assertThat(worker.execute(new float[][] {{1}})).isCompletedExceptionally();
    }

    @Test
    void aGpuOnTheCpuBackendFailsWithTheReason() {
        ReplicaWorker worker = ReplicaWorker.start("m:1#0", Device.parse("gpu:0"),
                () -> new Echo(new CopyOnWriteArrayList<>()), new float[] {0});
        assertThatThrownBy(() -> worker.ready().get(10, TimeUnit.SECONDS)).hasMessageContaining("-Pcuda");
    }

    @Test
    void devicesParseAndStateTheirRule() {
        assertThat(Device.parse("cpu")).isEqualTo(Device.CPU);
        assertThat(Device.parse(" GPU:1 ").gpu()).isEqualTo(1);
        assertThatThrownBy(() -> Device.parse("tpu")).hasMessageContaining("'cpu' or 'gpu:N'");
    }
}
