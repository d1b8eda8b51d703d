package org.cnnserve.classify;

import java.util.Locale;
import org.cnnserve.imaging.DecodeBudgetExhaustedException;
import org.cnnserve.imaging.ImageRejectedException;
import org.cnnserve.registry.ModelNotReadyException;
import org.cnnserve.serving.DeadlineExceededException;
import org.cnnserve.serving.QueueFullException;
import org.cnnserve.serving.ReplicasUnavailableException;
import org.cnnserve.serving.WorkerStoppedException;

/** How a classify request for a known model version ended, as the {@code outcome} tag of its meters. */
public enum RequestOutcome {
    /** Answered 200. */
    SUCCESS,
    /** The request itself was wrong (4xx): an image the decoder refuses, a top_k the model cannot answer. */
    CLIENT_ERROR,
    /**
     * Not admitted: the queue was full (429), or the version was not ready or stopping, or had no replica
     * left (503).
     */
    REJECTED,
    /** The deadline passed before the request ran (504). */
    TIMED_OUT,
    /** The forward pass or the service failed (500). */
    FAILED;

    /** The tag value: {@code success}, {@code client_error}, ... */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RequestOutcome of(Throwable error) {
        if (error instanceof ImageRejectedException || error instanceof InvalidTopKException
                || error instanceof InvalidInputException) { // TooManyImagesException included
            return CLIENT_ERROR;
        }
        if (error instanceof QueueFullException || error instanceof WorkerStoppedException
                || error instanceof ModelNotReadyException || error instanceof DecodeBudgetExhaustedException
                || error instanceof ReplicasUnavailableException) {
            return REJECTED;
        }
        if (error instanceof DeadlineExceededException) {
            return TIMED_OUT;
        }
        return FAILED;
    }
}
