package org.cnnserve.classify;

import java.util.Locale;
import org.cnnserve.imaging.DecodeBudgetExhaustedException;
import org.cnnserve.registry.ModelNotReadyException;
import org.cnnserve.registry.ModelState;
import org.cnnserve.serving.DeadlineExceededException;
import org.cnnserve.serving.QueueFullException;
import org.cnnserve.serving.WorkerStoppedException;

/**
 * Why a request for a known model version was refused rather than answered, as the {@code reason} tag
 * of the rejection counter: the split an operator needs to tell "add replicas" (queue full, deadline)
 * from "a version is down" (not ready) and "a rollout" (stopping).
 */
public enum Rejection {
    /** The version's queue held {@code max_queue_size} requests (429). */
    QUEUE_FULL,
    /** The version is loading or failed (503). */
    NOT_READY,
    /** The version or the service is shutting down or unloading (503). */
    STOPPING,
    /** The request's deadline passed before it was answered (504). */
    DEADLINE,
    /** Other uploads held the memory for decoding images (503). */
    DECODE_BUDGET;

    /** The tag value: {@code queue_full}, {@code not_ready}, ... */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason {@code error} refused its request for; {@code null} when it is not a refusal. */
    public static Rejection of(Throwable error) {
        if (error instanceof QueueFullException) {
            return QUEUE_FULL;
        }
        if (error instanceof WorkerStoppedException) {
            return STOPPING;
        }
        if (error instanceof ModelNotReadyException e) {
            return e.state() == ModelState.UNLOADING ? STOPPING : NOT_READY;
        }
        if (error instanceof DeadlineExceededException) {
            return DEADLINE;
        }
        if (error instanceof DecodeBudgetExhaustedException) {
            return DECODE_BUDGET;
        }
        return null;
    }
}
