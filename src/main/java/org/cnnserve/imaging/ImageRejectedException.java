package org.cnnserve.imaging;

import java.util.Objects;

/**
 * Thrown when uploaded bytes cannot be turned into an image: the client sent something
 * wrong, so callers usually answer with a 4xx status chosen from {@link #reason()}.
 * The message says what was wrong, and the limit where one was exceeded.
 */
public final class ImageRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why an image was rejected. */
    public enum Reason {
        /** No bytes at all. */
        EMPTY,
        /** No image reader recognises the bytes. */
        NOT_AN_IMAGE,
        /** A supported format, but the data ends early or is corrupt. */
        TRUNCATED,
        /** An image, but in a format the service does not accept (for example TIFF). */
        UNSUPPORTED_FORMAT,
        /** More bytes than {@link ImageLimits#maxBytes()}. */
        TOO_MANY_BYTES,
        /** The header declares more pixels than {@link ImageLimits#maxPixels()}. */
        TOO_MANY_PIXELS,
        /** A side over {@link ImageLimits#maxSide()} or a shape over {@link ImageLimits#maxAspectRatio()}. */
        IMAGE_SHAPE
    }

    private final Reason reason;

    /**
     * @param reason  why the image was rejected
     * @param message what was wrong, in words a client can act on
     */
    public ImageRejectedException(Reason reason, String message) {
        this(reason, message, null);
    }

    /**
     * @param reason  why the image was rejected
     * @param message what was wrong, in words a client can act on
     * @param cause   the decoder's own exception, kept for logs; may be null
     */
    public ImageRejectedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason must not be null");
    }

    /** @return why the image was rejected */
    public Reason reason() {
        return reason;
    }
}
