package org.cnnserve.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.cnnserve.serving.BatchModel;
import org.cnnserve.serving.Device;
import org.cnnserve.serving.ReplicaWorker;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/** Replica workers bound through ND4J, as the service starts them. */
class Nd4jDeviceBindingTests {

    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final BatchModel ECHO = inputs -> inputs;

    @Test
    void aCpuReplicaComputesWithOpenMpOnItsShareOfTheCores() throws Exception {
        int before = Nd4j.getEnvironment().maxMasterThreads();
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int threadDefault = onANewThread(ops::ompGetMaxThreads);
        int share = threadDefault == 1 ? 2 : 1; // differs from what an unconfigured thread gets
        try {
            NativeThreads.use(share);
            List<Integer> openMpThreads = new CopyOnWriteArrayList<>();
            ReplicaWorker worker = ReplicaWorker.start("m:1#0", Device.CPU, new Nd4jDeviceBinding(), () -> {
                openMpThreads.add(ops.ompGetMaxThreads());
                return ECHO;
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
    void aGpuOnTheCpuBackendFailsWithTheReason() {
        ReplicaWorker worker = ReplicaWorker.start("m:1#0", Device.parse("gpu:0"), new Nd4jDeviceBinding(),
                () -> ECHO, new float[] {0});
        assertThatThrownBy(() -> worker.ready().get(10, TimeUnit.SECONDS)).hasMessageContaining("-Pcuda");
    }
}
