package org.cnnserve.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.imaging.DecodedImage;

/**
 * Random translations and left-right flips of training images. The draws come from the run's one
 * seeded {@link Random} in a fixed order per image (horizontal shift, vertical shift, flip), so a
 * seed gives the same images, and the same weights, on every run: keep that order.
 *
 * @param flip  mirror each image left-right with probability 1/2
 * @param shift move each image by up to this many pixels in each direction
 */
record Augmentation(boolean flip, int shift) {

    Augmentation {
        if (shift < 0) {
            throw new IllegalArgumentException("shift must be at least 0, was " + shift);
        }
    }

    /** Training image {@code i} as the network sees it this time. */
    float[] input(Tensors data, int i, Random random) {
        float[] x;
        if (shift == 0) {
            x = data.input(i);
        } else {
            int dx = offset(random);
            int dy = offset(random);
            x = data.input(i, image -> dx == 0 && dy == 0 ? image : shifted(image, dx, dy));
        }
        if (flip && random.nextBoolean()) {
            mirror(x, data.shape());
        }
        return x;
    }

    /** As {@code training.json} records it. */
    String description() {
        List<String> kinds = new ArrayList<>();
        if (flip) {
            kinds.add("random left-right flip");
        }
        if (shift > 0) {
            kinds.add("random translation by up to " + shift + " pixels");
        }
        return kinds.isEmpty() ? "none" : String.join(", ", kinds);
    }

    private int offset(Random random) {
        return random.nextInt(2 * shift + 1) - shift;
    }

    /**
     * The image moved {@code dx} pixels right and {@code dy} down, before preprocessing; what moves
     * in from outside is zero: black, and transparent where the image has alpha.
     */
    static DecodedImage shifted(DecodedImage image, int dx, int dy) {
        int w = image.width();
        int h = image.height();
        int c = image.channels();
        float[] source = image.pixels();
        float[] moved = new float[source.length];
        if (Math.abs(dx) >= w || Math.abs(dy) >= h) {
            return new DecodedImage(image.format(), w, h, c, moved);
        }
        for (int y = Math.max(0, dy); y < Math.min(h, h + dy); y++) {
            int from = ((y - dy) * w + Math.max(0, -dx)) * c;
            int to = (y * w + Math.max(0, dx)) * c;
            System.arraycopy(source, from, moved, to, (w - Math.abs(dx)) * c);
        }
        return new DecodedImage(image.format(), w, h, c, moved);
    }

    /** Mirrors a CHW input left-right in place. */
    static void mirror(float[] x, InputShape input) {
        int w = input.width();
        for (int row = 0; row < input.channels() * input.height(); row++) {
            int base = row * w;
            for (int c = 0; c < w / 2; c++) {
                float t = x[base + c];
                x[base + c] = x[base + w - 1 - c];
                x[base + w - 1 - c] = t;
            }
        }
    }
}
