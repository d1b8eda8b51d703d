package org.cnnserve.imaging;

/**
 * Upper bounds on what {@link ImageDecoder} accepts, so a single upload cannot exhaust memory or
 * time. All are checked from the header, before any pixel is decoded.
 *
 * @param maxBytes       the largest encoded size accepted, in bytes; at least 1
 * @param maxPixels      the largest width * height accepted (decoded images take 4 to 16 bytes a
 *                       pixel); at least 1
 * @param maxSide        the longest width or height accepted; at least 1. With the aspect ratio
 *                       it bounds each axis, and so the resampling tables and every row buffer
 * @param maxAspectRatio the largest longer side / shorter side accepted (64 means 64:1); at
 *                       least 1. An extreme shape costs far more to resample than its pixels
 *                       suggest, and with {@code resize_shorter} it makes the resized image huge
 */
public record ImageLimits(long maxBytes, long maxPixels, int maxSide, int maxAspectRatio) {

    /** A side of 16384 holds any 4096 x 4096 image and every WebP (whose limit is 16383). */
    public static final int DEFAULT_MAX_SIDE = 16384;
    /** Far beyond panoramas and banners (about 10:1), far below a 1-pixel line. */
    public static final int DEFAULT_MAX_ASPECT_RATIO = 64;

    /** Checks that every limit is at least 1. */
    public ImageLimits {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, was " + maxBytes);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be at least 1, was " + maxPixels);
        }
        if (maxSide < 1) {
            throw new IllegalArgumentException("maxSide must be at least 1, was " + maxSide);
        }
        if (maxAspectRatio < 1) {
            throw new IllegalArgumentException("maxAspectRatio must be at least 1, was " + maxAspectRatio);
        }
    }

    /** Limits with the default side length and aspect ratio. */
    public ImageLimits(long maxBytes, long maxPixels) {
        this(maxBytes, maxPixels, DEFAULT_MAX_SIDE, DEFAULT_MAX_ASPECT_RATIO);
    }
}
