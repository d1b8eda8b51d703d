package org.cnnserve.classify;

/** A request carries more images than one request may, or than the model's queue can ever hold (HTTP 413). */
public class TooManyImagesException extends RuntimeException {

    public TooManyImagesException(String message) {
        super(message);
    }
}
