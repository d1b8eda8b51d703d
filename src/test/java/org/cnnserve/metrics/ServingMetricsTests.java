package org.cnnserve.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.cnnserve.classify.Rejection;
import org.cnnserve.imaging.DecodeBudget;
import org.cnnserve.imaging.DecodeBudgetExhaustedException;
import org.cnnserve.metrics.ServingStatsTests.ManualClock;
import org.cnnserve.registry.ModelNotReadyException;
import org.cnnserve.registry.ModelState;
import org.cnnserve.serving.BatchListener;
import org.cnnserve.serving.DeadlineExceededException;
import org.cnnserve.serving.Device;
import org.cnnserve.serving.InferenceFailedException;
import org.cnnserve.serving.Prediction;
import org.cnnserve.serving.QueueFullException;
import org.cnnserve.serving.ReplicaListener;
import org.cnnserve.serving.Scheduler;
import org.cnnserve.serving.WorkerStoppedException;
import org.junit.jupiter.api.Test;

/** Refusals by reason, failed batches, rebuilds and busy time, as the meters record them. */
class ServingMetricsTests {

    /** Two replicas whose busy time the test sets. */
    private static final class BusyScheduler implements Scheduler {
        final long[] busy = new long[2];

        @Override
        public CompletableFuture<Prediction> submit(float[] input, long deadlineNanos) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.List<CompletableFuture<Prediction>> submitAll(java.util.List<float[]> inputs,
                                                                      long deadlineNanos) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int queueDepth() {
            return 0;
        }

        @Override
        public int inFlight() {
            return 0;
        }

        @Override
        public int queueCapacity() {
            return 8;
        }

        @Override
        public int replicas() {
            return busy.length;
        }

        @Override
        public long busyNanos(int replica) {
            return busy[replica];
        }

        @Override
        public CompletableFuture<Void> stop() {
            return CompletableFuture.completedFuture(null);
        }
    }

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final ManualClock clock = new ManualClock();
    private final ServingMetrics serving = new ServingMetrics(meters, clock);
    private final RequestMetrics requests = new RequestMetrics(meters);

    private double rejections(String reason) {
        return meters.get("cnnserve.rejections").tags("model", "lenet", "version", "1", "reason", reason)
                .counter().count();
    }

    private static String[] replicaTags(int replica) {
        return new String[] {"model", "lenet", "version", "1", "replica", Integer.toString(replica), "device", "cpu"};
    }

    private double ratio(int replica) {
        return meters.get("cnnserve.replica.busy.ratio").tags(replicaTags(replica)).gauge().value();
    }

    private double requests(String outcome) {
        return meters.get("cnnserve.requests").tags("model", "lenet", "version", "1", "outcome", outcome)
                .counter().count();
    }

    @Test
    void everyRejectionReasonIsAtZeroOnceTheSchedulerRuns() {
        serving.schedulerStarted("lenet", 1, new BusyScheduler());

        for (Rejection reason : Rejection.values()) {
            assertThat(rejections(reason.tag())).isZero();
        }
        assertThat(meters.find("cnnserve.rejections").counters()).hasSize(Rejection.values().length);
    }

    @Test
    void refusalsAreCountedByReasonBesideTheirOutcome() {
        requests.failed("lenet", 1, new QueueFullException("lenet:1", 8), 1);
        requests.failed("lenet", 1, new QueueFullException("lenet:1", 8), 1);
        requests.failed("lenet", 1, new ModelNotReadyException("lenet", 1, ModelState.LOADING, null), 1);
        requests.failed("lenet", 1, new ModelNotReadyException("lenet", 1, ModelState.UNLOADING, null), 1);
        requests.failed("lenet", 1, new WorkerStoppedException("lenet:1"), 1);
        requests.failed("lenet", 1, new DeadlineExceededException("lenet:1", Duration.ofMillis(5)), 1);

        assertThat(rejections("queue_full")).isEqualTo(2);
        assertThat(rejections("not_ready")).isEqualTo(1);
        assertThat(rejections("stopping")).isEqualTo(2);
        assertThat(rejections("deadline")).isEqualTo(1);
        assertThat(requests("rejected")).isEqualTo(5);
        assertThat(requests("timed_out")).isEqualTo(1);
    }

    @Test
    void aFailedOrWrongRequestIsNoRejection() {
        requests.failed("lenet", 1, new InferenceFailedException("lenet:1", 2, new IllegalStateException()), 1);
        requests.failed("lenet", 1, new IllegalArgumentException("bad"), 1);

        assertThat(meters.find("cnnserve.rejections").counters()).isEmpty();
        assertThat(requests("failed")).isEqualTo(2);
    }

    @Test
    void anExhaustedDecodeBudgetIsARejectionOfItsOwn() {
        DecodeBudget budget = new DecodeBudget(10, Duration.ZERO);
        budget.reserve(8);
        Throwable exhausted = catchThrowable(() -> budget.reserve(8));

        requests.failed("lenet", 1, exhausted, 1);

        assertThat(exhausted).isInstanceOf(DecodeBudgetExhaustedException.class);
        assertThat(rejections("decode_budget")).isEqualTo(1);
        assertThat(requests("rejected")).isEqualTo(1);
    }

    @Test
    void failedBatchesAreCountedAndAnsweredOnesAreNot() {
        BatchListener listener = serving.batchListener("lenet", 1);
        listener.batchCompleted(4, 1_000, false);
        listener.batchCompleted(4, 1_000, true);
        listener.batchCompleted(2, 1_000, true);

        assertThat(meters.get("cnnserve.batch.failures").tags("model", "lenet", "version", "1").counter().count())
                .isEqualTo(2);
    }

    @Test
    void rebuildsAreCountedPerReplicaAndResult() {
        ReplicaListener second = serving.replicaListener("lenet", 1, 1, Device.parse("gpu:0"));
        serving.replicaListener("lenet", 1, 0, Device.CPU);
        second.rebuilt(true);
        second.rebuilt(true);
        second.rebuilt(false);

        assertThat(meters.get("cnnserve.replica.rebuilds").tags("model", "lenet", "version", "1", "replica", "1",
                "device", "gpu:0", "result", "success").counter().count()).isEqualTo(2);
        assertThat(meters.get("cnnserve.replica.rebuilds").tags("replica", "1", "result", "failure").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("cnnserve.replica.rebuilds").tags("replica", "0", "result", "success").counter().count())
                .isZero();
    }

    @Test
    void busySecondsFollowTheSchedulerAndTheirRecentRateIsTheBusyRatio() {
        BusyScheduler scheduler = new BusyScheduler();
        serving.replicaListener("lenet", 1, 0, Device.CPU);
        serving.replicaListener("lenet", 1, 1, Device.CPU);
        serving.schedulerStarted("lenet", 1, scheduler);

        assertThat(ratio(0)).isNaN(); // one reading is no rate yet
        ratio(1);
        scheduler.busy[0] = 7_500_000_000L; // 7.5 s busy of the next 10
        scheduler.busy[1] = 10_000_000_000L;
        clock.now = clock.now.plusSeconds(10);

        assertThat(meters.get("cnnserve.replica.busy").tags(replicaTags(0)).functionCounter().count())
                .isCloseTo(7.5, within(1e-9));
        assertThat(ratio(0)).isCloseTo(0.75, within(1e-9));
        assertThat(ratio(1)).isCloseTo(1.0, within(1e-9));
    }

    private double busySeconds(int replica) {
        return meters.get("cnnserve.replica.busy").tags(replicaTags(replica)).functionCounter().count();
    }

    @Test
    void aReloadedVersionsMetersReadItsNewSchedulerAndAnUnloadRemovesThem() {
        BusyScheduler before = new BusyScheduler();
        serving.replicaListener("lenet", 1, 0, Device.CPU);
        serving.replicaListener("lenet", 1, 1, Device.CPU);
        serving.schedulerStarted("lenet", 1, before);
        before.busy[0] = 4_000_000_000L;
        BusyScheduler after = new BusyScheduler();
        after.busy[0] = 1_000_000_000L;

        serving.schedulerStarted("lenet", 1, after); // the reload's scheduler, READY before the old one retires
        serving.schedulerRetired("lenet", 1, before);

        assertThat(busySeconds(0)).as("the new scheduler's, not the retired one's").isCloseTo(1.0, within(1e-9));
        assertThat(meters.get("cnnserve.queue.capacity").tags("model", "lenet", "version", "1").gauges()).hasSize(1);
        assertThat(meters.find("cnnserve.replica.busy.ratio").tags(replicaTags(1)).gauges()).hasSize(1);

        serving.schedulerRetired("lenet", 1, after); // unloaded
        for (String name : new String[] {"cnnserve.queue.depth", "cnnserve.inflight", "cnnserve.queue.capacity",
                "cnnserve.replica.busy", "cnnserve.replica.busy.ratio"}) {
            assertThat(meters.find(name).meters()).as(name).isEmpty();
        }
        assertThat(rejections(Rejection.QUEUE_FULL.tag())).as("counters stay").isZero();
    }
}
