package org.cnnserve.imaging;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Copies a {@link BufferedImage} into interleaved floats in [0, 1].
 *
 * <p>Grey and RGB images with integer samples are read from the raster directly and divided
 * by 2^bits - 1, so an 8-bit value v becomes exactly {@code v / 255f}. Going through
 * {@code BufferedImage.getRGB} instead would be wrong for grey images: it treats their colour
 * space as linear and brightens every value on the way to sRGB. Only exotic colour models
 * (float samples, other colour spaces) take that route, as RGB(A).
 */
final class PixelExtractor {

    /** v / 255f for every byte: a lookup is cheaper than a division and gives the same float. */
    private static final float[] BYTE_TO_FLOAT = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            BYTE_TO_FLOAT[v] = v / 255f;
        }
    }

    private PixelExtractor() {
    }

    static DecodedImage extract(String format, BufferedImage image) {
        ColorModel model = image.getColorModel();
        if (model instanceof IndexColorModel indexed) {
            return PaletteExtractor.extract(format, image, indexed);
        }
        if (readsDirectly(model, image.getRaster())) {
            return direct(format, image, model);
        }
        return viaRgb(format, image, model.hasAlpha());
    }

    private static boolean readsDirectly(ColorModel model, Raster raster) {
        int space = model.getColorSpace().getType();
        if (!(model instanceof ComponentColorModel || model instanceof DirectColorModel)
                || (space != ColorSpace.TYPE_GRAY && space != ColorSpace.TYPE_RGB)
                || raster.getNumBands() != model.getNumComponents()) {
            return false;
        }
        int type = raster.getTransferType();
        if (type != DataBuffer.TYPE_BYTE && type != DataBuffer.TYPE_USHORT
                && type != DataBuffer.TYPE_INT) {
            return false;
        }
        for (int bits : model.getComponentSize()) {
            if (bits < 1 || bits > 16) {
                return false;
            }
        }
        return true;
    }

    /** Grey, grey + alpha, RGB or RGBA samples, in colour-model order (alpha last). */
    private static DecodedImage direct(String format, BufferedImage image, ColorModel model) {
        Raster raster = image.getRaster();
        int width = image.getWidth();
        int height = image.getHeight();
        int channels = model.getNumComponents();
        float[] max = new float[channels];
        for (int c = 0; c < channels; c++) {
            max[c] = (1 << model.getComponentSize(c)) - 1;
        }
        float[] out = new float[width * height * channels];
        if (isPlainBytes(raster, model)) {
            copyBytes(raster, width, height, channels, out);
            return new DecodedImage(format, width, height, channels, out);
        }
        int[] row = new int[width * channels];
        for (int y = 0; y < height; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, width, 1, row);
            int base = y * width * channels;
            for (int i = 0; i < row.length; i += channels) {
                for (int c = 0; c < channels; c++) {
                    out[base + i + c] = row[i + c] / max[c];
                }
            }
        }
        if (model.isAlphaPremultiplied()) {
            unpremultiply(out, channels);
        }
        return new DecodedImage(format, width, height, channels, out);
    }

    /**
     * Whether the samples are 8-bit bytes in one bank, laid out pixel by pixel, as nearly every
     * JPEG and PNG decodes: then {@link #copyBytes} reads them without the per-pixel overhead
     * of {@code Raster.getPixels}, which dominates the time for camera-sized photos.
     */
    private static boolean isPlainBytes(Raster raster, ColorModel model) {
        if (!(raster.getDataBuffer() instanceof DataBufferByte buffer)
                || buffer.getNumBanks() != 1
                || !(raster.getSampleModel() instanceof ComponentSampleModel sampleModel)
                || raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0
                || model.isAlphaPremultiplied()) {
            return false;
        }
        for (int c = 0; c < model.getNumComponents(); c++) {
            if (model.getComponentSize(c) != 8 || sampleModel.getBankIndices()[c] != 0) {
                return false;
            }
        }
        return true;
    }

    private static void copyBytes(Raster raster, int width, int height, int channels, float[] out) {
        ComponentSampleModel sampleModel = (ComponentSampleModel) raster.getSampleModel();
        byte[] data = ((DataBufferByte) raster.getDataBuffer()).getData();
        int offset = raster.getDataBuffer().getOffset();
        int pixelStride = sampleModel.getPixelStride();
        int scanlineStride = sampleModel.getScanlineStride();
        int[] bandOffsets = sampleModel.getBandOffsets();
        int at = 0;
        for (int y = 0; y < height; y++) {
            int pixel = offset + y * scanlineStride;
            for (int x = 0; x < width; x++, pixel += pixelStride) {
                for (int c = 0; c < channels; c++) {
                    out[at++] = BYTE_TO_FLOAT[data[pixel + bandOffsets[c]] & 0xFF];
                }
            }
        }
    }

    /** The fallback: lets the JDK convert to non-premultiplied 8-bit sRGB. */
    private static DecodedImage viaRgb(String format, BufferedImage image, boolean alpha) {
        int width = image.getWidth();
        int height = image.getHeight();
        int channels = alpha ? 4 : 3;
        float[] out = new float[width * height * channels];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            int at = y * width * channels;
            for (int x = 0; x < width; x++) {
                int argb = row[x];
                out[at++] = ((argb >> 16) & 0xFF) / 255f;
                out[at++] = ((argb >> 8) & 0xFF) / 255f;
                out[at++] = (argb & 0xFF) / 255f;
                if (alpha) {
                    out[at++] = (argb >>> 24) / 255f;
                }
            }
        }
        return new DecodedImage(format, width, height, channels, out);
    }

    private static void unpremultiply(float[] pixels, int channels) {
        for (int i = 0; i < pixels.length; i += channels) {
            float alpha = pixels[i + channels - 1];
            if (alpha > 0f) {
                for (int c = 0; c < channels - 1; c++) {
                    pixels[i + c] = Math.min(1f, pixels[i + c] / alpha);
                }
            }
        }
    }
}
