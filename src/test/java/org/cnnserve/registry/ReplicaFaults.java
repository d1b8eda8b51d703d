package org.cnnserve.registry;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.cnnserve.engine.Engine;
import org.cnnserve.serving.BatchModel;
import org.cnnserve.serving.Device;
import org.cnnserve.serving.DeviceBinding;

/**
 * Faults injected into the service's real replicas, for tests only: a {@link VersionLoader} that
 * wraps the real one, so that every replica it builds (at start and on every rebuild) runs the real
 * network except on the one batch a test {@linkplain #arm arms} a fault for.
 */
final class ReplicaFaults {

    enum Kind {
        /** The batch blocks until {@link #releaseHungBatches()}, as a pass stuck in native code would. */
        HANG,
        /** The batch throws, and from then on every load fails, so the replica cannot be rebuilt. */
        THROW_AND_FAIL_REBUILDS
    }

    /** When a fault fired (System.nanoTime), on which replica thread, and on how many images. */
    record Fired(long nanos, String replica, int images) {
    }

    private final AtomicReference<Armed> armed = new AtomicReference<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Replica> replicas = new CopyOnWriteArrayList<>();
    private volatile boolean loadsFail;

    private record Armed(Kind kind, CompletableFuture<Fired> fired) {
    }

    /** The next batch any replica runs gets the fault; completes when it does. */
    CompletableFuture<Fired> arm(Kind kind) {
        CompletableFuture<Fired> fired = new CompletableFuture<>();
        if (!armed.compareAndSet(null, new Armed(kind, fired))) {
            throw new IllegalStateException("a fault is armed already");
        }
        return fired;
    }

    /** Lets hung batches go on, so that their abandoned threads end with the test. */
    void releaseHungBatches() {
        release.countDown();
    }

    /** Batches (warm-up passes not counted) run by replicas built after {@code nanos}. */
    int batchesOnReplicasBuiltAfter(long nanos) {
        return replicas.stream().filter(r -> r.builtNanos - nanos > 0).mapToInt(r -> r.batches.get()).sum();
    }

    /** {@code real}, with these faults injected into the replicas it builds. */
    VersionLoader wrap(VersionLoader real) {
        return new VersionLoader() {
            @Override
            public Loaded load(ModelDefinition definition, int version) {
                if (loadsFail) {
                    throw new IllegalStateException("injected fault: this replica cannot be rebuilt");
                }
                return new FaultyLoaded(real.load(definition, version));
            }

            @Override
            public DeviceBinding binding(ModelDefinition definition, int version) {
                return real.binding(definition, version);
            }
        };
    }

    private final class FaultyLoaded implements VersionLoader.Loaded {

        private final VersionLoader.Loaded real;

        FaultyLoaded(VersionLoader.Loaded real) {
            this.real = real;
        }

        @Override
        public WeightsStatus weights() {
            return real.weights();
        }

        @Override
        public Engine engine() {
            return real.engine();
        }

        @Override
        public long parameters() {
            return real.parameters();
        }

        @Override
        public long buffers() {
            return real.buffers();
        }

        @Override
        public long macs() {
            return real.macs();
        }

        @Override
        public long activationBytes() {
            return real.activationBytes();
        }

        @Override
        public BatchModel replica(ModelConfig config) {
            return track(new Replica(real.replica(config)));
        }

        @Override
        public BatchModel replica(ModelConfig config, Device device) {
            return track(new Replica(real.replica(config, device)));
        }

        @Override
        public int maxBatchSize() {
            return real.maxBatchSize();
        }
    }

    private Replica track(Replica replica) {
        replicas.add(replica);
        return replica;
    }

    /** One built replica; built and run on its worker's thread, whose name says which replica it is. */
    private final class Replica implements BatchModel {

        final BatchModel real;
        final long builtNanos = System.nanoTime();
        final AtomicInteger batches = new AtomicInteger();
        private boolean warm;

        Replica(BatchModel real) {
            this.real = real;
        }

        @Override
        public float[][] predict(float[][] inputs) {
            if (!warm) {
                warm = true; // the worker's warm-up pass, before the replica takes batches
                return real.predict(inputs);
            }
            Armed fault = armed.getAndSet(null);
            if (fault != null) {
                Fired fired = new Fired(System.nanoTime(), Thread.currentThread().getName(), inputs.length);
                if (fault.kind() == Kind.THROW_AND_FAIL_REBUILDS) {
                    loadsFail = true;
                    fault.fired().complete(fired);
                    throw new IllegalStateException("injected fault: the replica failed on a batch");
                }
                fault.fired().complete(fired);
                awaitRelease();
            }
            float[][] rows = real.predict(inputs);
            batches.incrementAndGet();
            return rows;
        }

        private void awaitRelease() {
            boolean interrupted = false;
            while (true) {
                try {
                    release.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // a pass stuck in native code does not answer interrupts either
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
