package org.cnnserve.registry;

import org.cnnserve.serving.ModelWorker;

/** The registry's mutable record of one model version; state changes are published by volatile writes. */
final class VersionSlot {

    final int version;
    private volatile ModelState state = ModelState.LOADING;
    private volatile String reason;
    private volatile GraphLoader.Loaded loaded;
    private volatile long loadMillis;
    private volatile ModelWorker worker;

    VersionSlot(int version) {
        this.version = version;
    }

    ModelState state() {
        return state;
    }

    ModelWorker worker() {
        return worker;
    }

    void starting(ModelWorker worker) {
        this.worker = worker;
    }

    void loaded(GraphLoader.Loaded loaded) {
        this.loaded = loaded;
    }

    void ready(long millis) {
        loadMillis = millis;
        state = ModelState.READY;
    }

    void failed(String why, long millis) {
        reason = why;
        loadMillis = millis;
        state = ModelState.FAILED;
    }

    void unloading() {
        if (state != ModelState.FAILED) {
            state = ModelState.UNLOADING;
        }
    }

    VersionStatus status() {
        GraphLoader.Loaded l = loaded;
        return new VersionStatus(version, state, reason, l == null ? null : l.weights(),
                l == null ? 0 : l.parameters(), l == null ? 0 : l.buffers(), loadMillis);
    }

    WeightsStatus weights() {
        GraphLoader.Loaded l = loaded;
        return l == null ? null : l.weights();
    }

    String reason() {
        return reason;
    }
}
