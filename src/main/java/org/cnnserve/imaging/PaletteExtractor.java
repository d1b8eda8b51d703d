package org.cnnserve.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Copies a palette image (GIF, palette PNG, grey PNG under 8 bits) into interleaved floats.
 *
 * <p>The output is grey when every palette entry is grey, so a grey GIF stays one channel,
 * and RGB otherwise; it has an alpha channel when the palette has transparency. Palette
 * entries are 8-bit, so every value is exactly {@code v / 255f}.
 */
final class PaletteExtractor {

    private PaletteExtractor() {
    }

    static DecodedImage extract(String format, BufferedImage image, IndexColorModel model) {
        int size = model.getMapSize();
        boolean grey = true;
        for (int i = 0; i < size && grey; i++) {
            grey = model.getRed(i) == model.getGreen(i) && model.getGreen(i) == model.getBlue(i);
        }
        boolean alpha = model.hasAlpha();
        int channels = (grey ? 1 : 3) + (alpha ? 1 : 0);
        // Corrupt data can hold indices past the palette; they read as transparent black,
        // as IndexColorModel itself treats them.
        int lutSize = Math.max(size, 1 << Math.min(model.getPixelSize(), 16));
        float[] lut = new float[lutSize * channels];
        for (int i = 0; i < size; i++) {
            int argb = model.getRGB(i);
            int at = i * channels;
            if (grey) {
                lut[at++] = (argb & 0xFF) / 255f;
            } else {
                lut[at++] = ((argb >> 16) & 0xFF) / 255f;
                lut[at++] = ((argb >> 8) & 0xFF) / 255f;
                lut[at++] = (argb & 0xFF) / 255f;
            }
            if (alpha) {
                lut[at] = (argb >>> 24) / 255f;
            }
        }
        Raster raster = image.getRaster();
        int width = image.getWidth();
        int height = image.getHeight();
        float[] out = new float[width * height * channels];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, width, 1, 0, row);
            int at = y * width * channels;
            for (int x = 0; x < width; x++, at += channels) {
                int index = Math.min(row[x], lutSize - 1);
                System.arraycopy(lut, index * channels, out, at, channels);
            }
        }
        return new DecodedImage(format, width, height, channels, out);
    }
}
