package org.cnnserve.classify;

/**
 * A request carries more images than one request may, or than the model's queue can ever hold
 * (HTTP 413 on /v1 and on /v2).
 */
public class TooManyImagesException extends InvalidInputException {

    public TooManyImagesException(String message) {
        super(message);
    }

    /** Over {@code cnnserve.inference.max-images-per-request}, the V2 protocol's limit. */
    public TooManyImagesException(int images, int limit) {
        this("the request holds " + images + " images, over the limit of " + limit
                + " per request (cnnserve.inference.max-images-per-request)");
    }
}
