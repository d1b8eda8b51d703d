package org.cnnserve.registry;

/** Lifecycle of one model version in the registry. */
public enum ModelState {
    /** Weights are being read or initialised, or the warm-up pass is running. */
    LOADING,
    /** Warmed up and accepting requests. */
    READY,
    /**
     * Serving on fewer replicas than it was started with: a replica left service (its rebuild failed, or
     * it was stuck); the reason says which. Still accepts requests.
     */
    DEGRADED,
    /** Could not be loaded; the reason is kept and the other models are unaffected. */
    FAILED,
    /** Draining: admits nothing new, finishes what it accepted. */
    UNLOADING,
    /**
     * Not loaded: unloaded through the repository API (its replicas released), or a model or version
     * folder the repository holds that was never loaded.
     */
    UNAVAILABLE;

    /** Whether the version takes requests: READY, or DEGRADED on the replicas it has left. */
    public boolean serving() {
        return this == READY || this == DEGRADED;
    }
}
