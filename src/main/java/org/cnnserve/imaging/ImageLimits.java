package org.cnnserve.imaging;

/**
 * Upper bounds on what {@link ImageDecoder} accepts, so a single upload cannot exhaust memory.
 *
 * @param maxBytes  the largest encoded size accepted, in bytes; at least 1
 * @param maxPixels the largest width * height accepted, checked from the header before any
 *                  pixel is decoded (decoded images take 4 to 16 bytes a pixel); at least 1
 */
public record ImageLimits(long maxBytes, long maxPixels) {

    /** Checks that both limits are at least 1. */
    public ImageLimits {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, was " + maxBytes);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be at least 1, was " + maxPixels);
        }
    }
}
