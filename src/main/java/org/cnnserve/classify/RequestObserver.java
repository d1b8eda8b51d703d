package org.cnnserve.classify;

/**
 * Watches classify requests for a known model version, for metrics. Called on the request's thread
 * up to admission; {@link #finished} of an admitted request on the thread that answered it (a
 * replica's, or the timer's at the deadline), so it must be quick.
 */
public interface RequestObserver {

    RequestObserver NONE = new RequestObserver() {
    };

    /** The image was decoded and turned into the model's input in {@code nanos}. */
    default void preprocessed(String model, int version, long nanos) {
    }

    /** The request was refused for {@code reason}; {@link #finished} reports it too. */
    default void rejected(String model, int version, Rejection reason) {
    }

    /** The request ended {@code nanos} after its body was read. */
    default void finished(String model, int version, RequestOutcome outcome, long nanos) {
    }

    /**
     * The request ended with {@code error} {@code nanos} after its body was read: reports its
     * {@link Rejection}, where it is one, and its outcome. The one call for a request that failed.
     */
    default void failed(String model, int version, Throwable error, long nanos) {
        Rejection rejection = Rejection.of(error);
        if (rejection != null) {
            rejected(model, version, rejection);
        }
        finished(model, version, RequestOutcome.of(error), nanos);
    }
}
