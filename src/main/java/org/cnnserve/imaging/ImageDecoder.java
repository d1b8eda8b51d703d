package org.cnnserve.imaging;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Objects;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.cnnserve.imaging.ImageRejectedException.Reason;

/**
 * Decodes uploaded JPEG, PNG, GIF (first frame), BMP and WebP (first frame) bytes into a
 * {@link DecodedImage}, honouring the EXIF orientation of JPEGs.
 *
 * <p>Every problem with the bytes surfaces as an {@link ImageRejectedException}:
 * <ul>
 *   <li>EMPTY: null or zero bytes. TOO_MANY_BYTES: over {@link ImageLimits#maxBytes()}.</li>
 *   <li>NOT_AN_IMAGE: no reader recognises the signature (the first bytes).</li>
 *   <li>UNSUPPORTED_FORMAT: a reader of another format (TIFF, WBMP...) recognises them.</li>
 *   <li>TOO_MANY_PIXELS: the header declares more than {@link ImageLimits#maxPixels()};
 *       checked before any pixel memory is allocated.</li>
 *   <li>IMAGE_SHAPE: the header declares a side over {@link ImageLimits#maxSide()} or a
 *       longer / shorter side over {@link ImageLimits#maxAspectRatio()}; checked before any
 *       pixel memory is allocated.</li>
 *   <li>TRUNCATED: the signature is that of a supported format but what follows is cut
 *       short or corrupt, header included. A recognised signature is what separates this from
 *       NOT_AN_IMAGE: such bytes were meant to be an image and arrived damaged. This covers
 *       exceptions from the reader, libjpeg's "Premature end of JPEG file" warning (see
 *       {@code TruncationWarnings}), a WebP shorter than its RIFF header declares, and a
 *       reader that keeps reading past the end (see {@code GuardedImageInputStream}).</li>
 * </ul>
 *
 * <p>Thread-safe: it holds only its limits, and each call uses its own reader and stream.
 */
public final class ImageDecoder {

    static {
        // Registers the TwelveMonkeys readers even when the JAR service files are not seen at
        // ImageIO's first use, as happens with the nested jars of a Spring Boot fat jar.
        ImageIO.scanForPlugins();
    }

    /** A Java array holds at most about this many elements, and a pixel takes up to 4. */
    private static final long MAX_ARRAY_PIXELS = (Integer.MAX_VALUE - 8) / 4;

    private final ImageLimits limits;

    /** @param limits the size limits every decoded image must respect */
    public ImageDecoder(ImageLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits must not be null");
    }

    /** @return the limits this decoder enforces */
    public ImageLimits limits() {
        return limits;
    }

    /**
     * @param data the encoded image, as uploaded
     * @return the first frame, upright, as floats in [0, 1]
     * @throws ImageRejectedException when the bytes are not an acceptable image
     */
    public DecodedImage decode(byte[] data) {
        if (data == null || data.length == 0) {
            throw new ImageRejectedException(Reason.EMPTY, "image is empty (0 bytes)");
        }
        if (data.length > limits.maxBytes()) {
            throw new ImageRejectedException(Reason.TOO_MANY_BYTES, "image is " + data.length
                    + " bytes, over the limit of " + limits.maxBytes() + " bytes");
        }
        FormatProbe.Match match = FormatProbe.probe(data);
        DecodedImage image = read(match, data);
        if (match.format().equals("jpeg")) {
            image = ExifOrientation.apply(image, ExifOrientation.read(data));
        }
        return image;
    }

    /**
     * The memory a decode of these bytes and its preprocessing into {@code tensorValues} floats
     * will take, from the header alone: the decoder's raster (up to 8 bytes a pixel, 16-bit RGBA),
     * the float image (up to 16), the tensor and its double sums (12 a value).
     *
     * @throws ImageRejectedException as {@link #decode} would for a bad header or limit
     */
    public long estimateBytes(byte[] data, long tensorValues) {
        if (data == null || data.length == 0 || data.length > limits.maxBytes()) {
            return 0; // decode() refuses these before allocating anything
        }
        FormatProbe.Match match = FormatProbe.probe(data);
        ImageReader reader = createReader(match);
        ImageInputStream in = new GuardedImageInputStream(data);
        try {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            checkPixelCount(match.format(), width, height);
            checkShape(width, height);
            long pixels = Math.multiplyExact((long) width, height);
            return Math.addExact(Math.multiplyExact(pixels, 24L), Math.multiplyExact(tensorValues, 12L));
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageRejectedException rejected) {
                throw rejected;
            }
            throw truncated(match.format(), "its header cannot be read", e);
        } finally {
            reader.dispose();
            closeQuietly(in);
        }
    }

    private DecodedImage read(FormatProbe.Match match, byte[] data) {
        String format = match.format();
        ImageReader reader = createReader(match);
        ImageInputStream in = new GuardedImageInputStream(data);
        try {
            TruncationWarnings warnings = new TruncationWarnings();
            reader.addIIOReadWarningListener(warnings);
            reader.setInput(in, true, true);
            int width;
            int height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw truncated(format, "its header cannot be read", e);
            }
            checkPixelCount(format, width, height);
            checkShape(width, height);
            checkRiffLength(format, data);
            BufferedImage image;
            try {
                image = reader.read(0);
            } catch (IOException | RuntimeException e) {
                throw truncated(format, "its pixel data cannot be read", e);
            }
            if (warnings.first() != null) {
                throw truncated(format, "the decoder reported \"" + warnings.first() + "\"", null);
            }
            try {
                return PixelExtractor.extract(format, image);
            } catch (RuntimeException e) {
                // Exotic colour models can fail in the JDK's colour conversion.
                throw new ImageRejectedException(Reason.UNSUPPORTED_FORMAT, format
                        + " image has a colour layout that cannot be converted to RGB", e);
            }
        } finally {
            reader.dispose();
            closeQuietly(in);
        }
    }

    private static ImageReader createReader(FormatProbe.Match match) {
        try {
            return match.provider().createReaderInstance();
        } catch (IOException e) {
            // Not the client's fault: the installed plugin is broken.
            throw new IllegalStateException("cannot create a " + match.format() + " reader", e);
        }
    }

    private void checkPixelCount(String format, int width, int height) {
        if (width < 1 || height < 1) {
            throw truncated(format, "its header gives a size of " + width + "x" + height, null);
        }
        long pixels = (long) width * height;
        long limit = Math.min(limits.maxPixels(), MAX_ARRAY_PIXELS);
        if (pixels > limit) {
            throw new ImageRejectedException(Reason.TOO_MANY_PIXELS, "image is " + width + "x"
                    + height + " = " + pixels + " pixels, over the limit of " + limit);
        }
    }

    private void checkShape(int width, int height) {
        int longer = Math.max(width, height);
        int shorter = Math.min(width, height);
        if (longer > limits.maxSide()) {
            throw new ImageRejectedException(Reason.IMAGE_SHAPE, "image is " + width + "x" + height
                    + ", a side over the limit of " + limits.maxSide() + " pixels");
        }
        // longer / shorter > ratio, without the rounding of a division
        if ((long) longer > (long) shorter * limits.maxAspectRatio()) {
            throw new ImageRejectedException(Reason.IMAGE_SHAPE, "image is " + width + "x" + height
                    + ", an aspect ratio over the limit of " + limits.maxAspectRatio() + ":1");
        }
    }

    /**
     * The WebP reader decodes a cut-off lossless stream without complaint, so compare the length
     * the RIFF header declares with what arrived.
     */
    private static void checkRiffLength(String format, byte[] data) {
        if (!format.equals("webp") || data.length < 8) {
            return;
        }
        long declared = (data[4] & 0xFFL) | (data[5] & 0xFFL) << 8
                | (data[6] & 0xFFL) << 16 | (data[7] & 0xFFL) << 24;
        if (data.length < declared + 8) {
            throw truncated(format, "its header declares " + (declared + 8) + " bytes but only "
                    + data.length + " arrived", null);
        }
    }

    private static ImageRejectedException truncated(String format, String detail, Throwable e) {
        return new ImageRejectedException(Reason.TRUNCATED,
                format + " image is truncated or corrupt: " + detail, e);
    }

    private static void closeQuietly(ImageInputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // A byte array stream holds no resource that could leak.
        }
    }
}
