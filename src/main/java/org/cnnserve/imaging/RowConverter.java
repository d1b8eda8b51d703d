package org.cnnserve.imaging;

/**
 * Composites one image row over the background and converts it to the wanted colour mode,
 * writing planar output (all of channel 0, then channel 1...) for the horizontal resize.
 */
final class RowConverter {

    // ITU-R BT.601 luma weights, the ones PIL's convert("L") uses.
    private static final float LUMA_R = 0.299f;
    private static final float LUMA_G = 0.587f;
    private static final float LUMA_B = 0.114f;

    private RowConverter() {
    }

    /**
     * @param image the source image
     * @param y     the row to convert
     * @param p     colour mode and background
     * @param out   at least {@code p.channels() * image.width()} floats, overwritten
     */
    static void convert(DecodedImage image, int y, Preprocessing p, float[] out) {
        int width = image.width();
        int channels = image.channels();
        boolean alpha = image.hasAlpha();
        boolean greySource = channels <= 2;
        boolean greyTarget = p.color() == ColorMode.GREY;
        float background = p.background().value();
        float[] pixels = image.pixels();
        int at = y * width * channels;
        for (int x = 0; x < width; x++, at += channels) {
            float a = alpha ? pixels[at + channels - 1] : 1f;
            float r = pixels[at];
            float g = greySource ? r : pixels[at + 1];
            float b = greySource ? r : pixels[at + 2];
            if (alpha) {
                r = composite(r, a, background);
                g = composite(g, a, background);
                b = composite(b, a, background);
            }
            if (greyTarget) {
                out[x] = greySource ? r : LUMA_R * r + LUMA_G * g + LUMA_B * b;
            } else {
                out[x] = r;
                out[width + x] = g;
                out[2 * width + x] = b;
            }
        }
    }

    private static float composite(float value, float alpha, float background) {
        return value * alpha + background * (1f - alpha);
    }
}
