package org.cnnserve.registry;

import java.util.List;
import org.cnnserve.architectures.Analysis;
import org.cnnserve.serving.ReplicaWorker;
import org.cnnserve.serving.Scheduler;

/** The registry's mutable record of one model version; state changes are published by volatile writes. */
final class VersionSlot {

    final int version;
    private volatile ModelState state = ModelState.LOADING;
    private volatile String reason;
    private volatile GraphLoader.Loaded loaded;
    private volatile long loadMillis;
    private volatile LoadMemory loadMemory;
    private volatile List<ReplicaWorker> workers = List.of();
    private volatile Scheduler scheduler;
    private volatile ServingPlan plan;

    VersionSlot(int version) {
        this.version = version;
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

    /** The plan the version was started with; {@code null} until it is READY. */
    ServingPlan plan() {
        return plan;
    }

    List<ReplicaWorker> workers() {
        return workers;
    }

    void starting(List<ReplicaWorker> workers) {
        this.workers = List.copyOf(workers);
    }

    /** The first replica to load reports what it loaded; all replicas load the same weights. */
    void loaded(GraphLoader.Loaded loaded) {
        if (this.loaded == null) {
            this.loaded = loaded;
        }
    }

    void measured(LoadMemory memory) {
        loadMemory = memory;
    }

    synchronized void ready(Scheduler scheduler, ServingPlan plan, long millis) {
        this.scheduler = scheduler;
        this.plan = plan;
        loadMillis = millis;
        if (state == ModelState.LOADING) {
            state = ModelState.READY;
        }
    }

    synchronized void failed(String why, long millis) {
        reason = why;
        loadMillis = millis;
        state = ModelState.FAILED;
    }

    synchronized void unloading() {
        if (state != ModelState.FAILED) {
            state = ModelState.UNLOADING;
        }
    }

    VersionStatus status() {
        GraphLoader.Loaded l = loaded;
        if (l == null) {
            return new VersionStatus(version, state, reason, null, null, 0, 0, 0, 0, 0, loadMillis, loadMemory);
        }
        return new VersionStatus(version, state, reason, l.weights(), l.engine().label(), l.parameters(), l.buffers(),
                (l.parameters() + l.buffers()) * Analysis.BYTES_PER_VALUE, l.macs(), l.activationBytes(), loadMillis,
                loadMemory);
    }

    WeightsStatus weights() {
        GraphLoader.Loaded l = loaded;
        return l == null ? null : l.weights();
    }
}
