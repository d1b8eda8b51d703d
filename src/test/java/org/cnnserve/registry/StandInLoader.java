package org.cnnserve.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.cnnserve.engine.Engine;
import org.cnnserve.serving.BatchModel;
import org.cnnserve.serving.FakeTicker;

/**
 * A {@link VersionLoader} without weights: every version becomes a {@link StandInModel}, unless the
 * test made its model fail or hold its load until released. Each load takes {@link #LOAD_NANOS} on
 * the test's clock.
 */
final class StandInLoader implements VersionLoader {

    static final long LOAD_NANOS = 250_000_000;

    private final FakeTicker ticker;
    private final StandInModel model = new StandInModel();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> holds = new ConcurrentHashMap<>();
    private final List<String> loads = new ArrayList<>(); // guarded by itself

    StandInLoader(FakeTicker ticker) {
        this.ticker = ticker;
    }

    /** Loads of {@code model} fail with {@code reason}. */
    void fail(String model, String reason) {
        failures.put(model, reason);
    }

    /** Loads of {@code model} succeed again. */
    void recover(String model) {
        failures.remove(model);
    }

    /** Loads of {@code model} wait until the returned future is completed. */
    CompletableFuture<Void> hold(String model) {
        return holds.computeIfAbsent(model, m -> new CompletableFuture<>());
    }

    /** The replica every load returns. */
    StandInModel model() {
        return model;
    }

    /** {@code model:version} of each load begun, in order. */
    List<String> loads() {
        synchronized (loads) {
            return List.copyOf(loads);
        }
    }

    @Override
    public Loaded load(ModelDefinition definition, int version) {
        synchronized (loads) {
            loads.add(definition.name() + ":" + version);
        }
        holds.getOrDefault(definition.name(), CompletableFuture.completedFuture(null)).join();
        String failure = failures.get(definition.name());
        if (failure != null) {
            throw new ModelRepositoryException(failure);
        }
        // On the replica's thread, which also reads the clock when the load ends.
        ticker.advance(LOAD_NANOS);
        return new StandIn(model);
    }

    private record StandIn(StandInModel model) implements Loaded {

        @Override
        public WeightsStatus weights() {
            return WeightsStatus.UNTRAINED;
        }

        @Override
        public Engine engine() {
            return Engine.DL4J;
        }

        @Override
        public long parameters() {
            return 10;
        }

        @Override
        public long buffers() {
            return 0;
        }

        @Override
        public long macs() {
            return 8;
        }

        @Override
        public long activationBytes() {
            return 16;
        }

        @Override
        public BatchModel replica(ModelConfig config) {
            return model;
        }
    }

    /**
     * Answers {@link #ANSWER} to every input. An input starting with {@link #HELD_INPUT} is held, once
     * {@link #holdBatches()} was called, until the test releases it. An input starting with
     * {@link #FAILING_INPUT} makes the batch throw, as a replica in a broken state would. Counts the
     * times a replica thread released it.
     */
    static final class StandInModel implements BatchModel, AutoCloseable {

        static final float[] ANSWER = {0.25f, 0.75f};
        static final float HELD_INPUT = 1f;
        static final float FAILING_INPUT = -1f;

        private final AtomicInteger closes = new AtomicInteger();
        private volatile CompletableFuture<Void> entered;
        private volatile CompletableFuture<Void> release;

        /** @return completes when a held batch is running; complete {@link #release()} to let it finish */
        CompletableFuture<Void> holdBatches() {
            release = new CompletableFuture<>();
            entered = new CompletableFuture<>();
            return entered;
        }

        void release() {
            release.complete(null);
        }

        /** Replicas released: each load's replicas share this one stand-in, so each counts once. */
        int closes() {
            return closes.get();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }

        @Override
        public float[][] predict(float[][] inputs) {
            if (inputs[0][0] == FAILING_INPUT) {
                throw new IllegalStateException("the replica broke");
            }
            if (release != null && inputs[0][0] == HELD_INPUT) {
                entered.complete(null);
                release.join();
            }
            float[][] rows = new float[inputs.length][];
            for (int i = 0; i < inputs.length; i++) {
                rows[i] = ANSWER.clone();
            }
            return rows;
        }
    }
}
