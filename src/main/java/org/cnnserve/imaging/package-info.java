/**
 * Turns uploaded image bytes into the float tensor a CNN takes.
 *
 * <p>Two steps, kept apart so each can be tested and limited on its own:
 * <ol>
 *   <li>{@link org.cnnserve.imaging.ImageDecoder} checks the bytes against {@link
 *       org.cnnserve.imaging.ImageLimits}, decodes JPEG, PNG, GIF, BMP or WebP with
 *       {@code javax.imageio} (plus the TwelveMonkeys plugins), applies the JPEG EXIF
 *       orientation and yields a {@link org.cnnserve.imaging.DecodedImage}: interleaved
 *       floats in [0, 1]. Anything wrong with the bytes becomes an {@link
 *       org.cnnserve.imaging.ImageRejectedException} with a {@link
 *       org.cnnserve.imaging.ImageRejectedException.Reason}.</li>
 *   <li>{@link org.cnnserve.imaging.Preprocessor} composites alpha, converts colour, resizes
 *       (antialiased bilinear), crops, reorders channels and normalises, as a {@link
 *       org.cnnserve.imaging.Preprocessing} describes, into a CHW float array.</li>
 * </ol>
 *
 * <p>The package knows nothing of HTTP or ND4J: callers wrap the float array in whatever
 * tensor type they use.
 */
package org.cnnserve.imaging;
