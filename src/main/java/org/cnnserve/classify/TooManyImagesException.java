package org.cnnserve.classify;

/** A request carries more images than {@code cnnserve.inference.max-images-per-request} allows. */
public class TooManyImagesException extends InvalidInputException {

    private final int limit;

    public TooManyImagesException(int images, int limit) {
        super("the request holds " + images + " images, over the limit of " + limit
                + " per request (cnnserve.inference.max-images-per-request)");
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
