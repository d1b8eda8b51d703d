package org.cnnserve.imaging;

/**
 * Thrown when a decode cannot reserve its memory in time: the service is busy, not the image
 * bad, so callers answer 503 with Retry-After.
 */
public final class DecodeBudgetExhaustedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DecodeBudgetExhaustedException(long bytes, long capacity) {
        super("decoding this image needs about " + bytes / (1024 * 1024) + " MB of the " + capacity / (1024 * 1024)
                + " MB decode budget, which other requests hold; retry shortly");
    }
}
