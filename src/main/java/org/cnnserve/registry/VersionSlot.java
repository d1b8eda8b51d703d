package org.cnnserve.registry;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.cnnserve.architectures.Analysis;
import org.cnnserve.serving.ReplicaWorker;
import org.cnnserve.serving.Scheduler;

/**
 * The registry's mutable record of one model version; state changes are published by volatile writes.
 * The version's serving plan is fixed when the version is opened: every later step reads it from here.
 */
final class VersionSlot {

    final int version;
    /** The model folder as read when the version was opened: a later reload does not change it. */
    final ModelDefinition definition;
    private volatile ServingPlan plan;
    private final CompletableFuture<VersionStatus> settled = new CompletableFuture<>();
    private volatile ModelState state = ModelState.LOADING;
    private volatile String reason;
    private volatile VersionLoader.Loaded loaded;
    private volatile long loadMillis;
    private volatile LoadMemory loadMemory;
    private volatile List<ReplicaWorker> workers = List.of();
    private volatile Scheduler scheduler;
    private int lostReplicas; // guarded by this

    VersionSlot(int version, ModelDefinition definition, ServingPlan plan) {
        this.version = version;
        this.definition = definition;
        this.plan = plan;
    }

    ModelState state() {
        return state;
    }

    String reason() {
        return reason;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    /**
     * How the version is served: computed once, when it was opened, and capped at load when the network
     * fixes a smaller batch than the plan's.
     */
    ServingPlan plan() {
        return plan;
    }

    /**
     * Completes, never exceptionally, with the version's status once its load has ended: READY, FAILED,
     * or UNLOADING when the service began stopping while it loaded.
     */
    CompletableFuture<VersionStatus> settled() {
        return settled.copy();
    }

    List<ReplicaWorker> workers() {
        return workers;
    }

    void starting(List<ReplicaWorker> workers) {
        this.workers = List.copyOf(workers);
    }

    /** The first replica to load reports what it loaded; all replicas load the same weights. */
    void loaded(VersionLoader.Loaded loaded) {
        if (this.loaded == null) {
            this.loaded = loaded;
            plan = plan.withBatchesOfAtMost(loaded.maxBatchSize());
        }
    }

    void measured(LoadMemory memory) {
        loadMemory = memory;
    }

    void ready(Scheduler scheduler, long millis) {
        synchronized (this) {
            this.scheduler = scheduler;
            loadMillis = millis;
            if (state == ModelState.LOADING) {
                state = ModelState.READY;
            }
        }
        settle();
    }

    void failed(String why, long millis) {
        synchronized (this) {
            reason = why;
            loadMillis = millis;
            state = ModelState.FAILED;
        }
        settle();
    }

    /**
     * A replica left service for good: the version is DEGRADED while others serve, FAILED once none does.
     * Nothing changes for a version that is not serving (unloading or failed already).
     */
    synchronized void replicaLost(String why) {
        if (!state.serving()) {
            return;
        }
        lostReplicas++;
        int total = workers.size();
        reason = lostReplicas + " of " + total + " replicas left service, the last because: " + why;
        state = lostReplicas >= total ? ModelState.FAILED : ModelState.DEGRADED;
    }

    synchronized void unloading() {
        if (state != ModelState.FAILED && state != ModelState.UNAVAILABLE) {
            state = ModelState.UNLOADING;
        }
    }

    /** Unloaded: its replicas are released; a FAILED version keeps its state and reason. */
    synchronized void released() {
        if (state != ModelState.FAILED) {
            state = ModelState.UNAVAILABLE;
            reason = ModelSlot.UNLOADED;
        }
    }

    /** Outside the lock: waiters continue on this thread. Only the first call counts. */
    private void settle() {
        settled.complete(status());
    }

    VersionStatus status() {
        VersionLoader.Loaded l = loaded;
        if (l == null) {
            return new VersionStatus(version, state, reason, null, null, 0, 0, 0, 0, 0, loadMillis, loadMemory);
        }
        return new VersionStatus(version, state, reason, l.weights(), l.engine().label(), l.parameters(), l.buffers(),
                (l.parameters() + l.buffers()) * Analysis.BYTES_PER_VALUE, l.macs(), l.activationBytes(), loadMillis,
                loadMemory);
    }

    WeightsStatus weights() {
        VersionLoader.Loaded l = loaded;
        return l == null ? null : l.weights();
    }
}
