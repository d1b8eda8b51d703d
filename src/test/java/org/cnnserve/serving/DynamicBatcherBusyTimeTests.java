package org.cnnserve.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cnnserve.serving.BatcherFixture.policy;
import static org.cnnserve.serving.ManualExecutor.manual;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A safety net only: every test is driven by hand and never waits; a bug must fail, not hang.
@Timeout(10)
class DynamicBatcherBusyTimeTests {

    @Test
    void aReplicaIsBusyFromItsBatchsDispatchUntilItIsAnswered() {
        BatcherFixture f = new BatcherFixture(policy(1, 0, 10), manual(), manual());
        assertThat(f.batcher.replicas()).isEqualTo(2);
        f.ticker.advance(500); // idle time before any batch counts for nothing

        f.submit(1); // to replica 0
        f.ticker.advance(300);
        f.executors.get(0).answer();
        f.ticker.advance(1_000);

        assertThat(f.batcher.busyNanos(0)).isEqualTo(300);
        assertThat(f.batcher.busyNanos(1)).isZero();
    }

    @Test
    void theBatchInHandCountsWhileItRuns() {
        BatcherFixture f = new BatcherFixture(policy(1, 0, 10), manual());
        f.submit(1);
        f.ticker.advance(200);
        assertThat(f.batcher.busyNanos(0)).isEqualTo(200);
        f.ticker.advance(200);
        assertThat(f.batcher.busyNanos(0)).isEqualTo(400);

        f.executor().answer();
        f.ticker.advance(200);
        assertThat(f.batcher.busyNanos(0)).isEqualTo(400);
    }

    @Test
    void busyTimeAddsUpOverBatchesFailedOnesIncluded() {
        BatcherFixture f = new BatcherFixture(policy(1, 0, 10), manual());
        f.submit(1);
        f.submit(2); // waits for the replica
        f.ticker.advance(100);
        f.executor().fail(new IllegalStateException("model broke")); // dispatches 2 at once
        f.ticker.advance(250);
        f.executor().answer();

        assertThat(f.batcher.busyNanos(0)).isEqualTo(350);
    }

    @Test
    void aReplicaOutsideTheSchedulerIsRefused() {
        BatcherFixture f = new BatcherFixture(policy(1, 0, 10), manual());
        assertThatThrownBy(() -> f.batcher.busyNanos(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
