package org.cnnserve.training;

import org.cnnserve.architectures.InputShape;
import org.cnnserve.datasets.LabelledImages;
import org.cnnserve.imaging.DecodedImage;
import org.cnnserve.imaging.Preprocessing;
import org.cnnserve.imaging.Preprocessor;

/**
 * A labelled data set as model inputs, through the same {@link Preprocessor} the service applies to
 * an uploaded image, so that a network sees identical tensors in training and in serving; labels
 * as the model's class indices.
 */
final class Tensors {

    private final LabelledImages images;
    private final int[] toModelClass;
    private final Preprocessing preprocessing;
    private final InputShape input;

    /** @param toModelClass the model class of each data set class */
    Tensors(LabelledImages images, int[] toModelClass, Preprocessing preprocessing, InputShape input) {
        this.images = images;
        this.toModelClass = toModelClass;
        this.preprocessing = preprocessing;
        this.input = input;
    }

    int count() {
        return images.size();
    }

    int label(int i) {
        return toModelClass[images.label(i)];
    }

    /** Image {@code i} as a CHW input of the model's shape. */
    float[] input(int i) {
        return input(i, 0, 0);
    }

    /**
     * Image {@code i} moved {@code dx} pixels right and {@code dy} down before preprocessing; what
     * moves in from outside is zero: black, and transparent where the image has alpha.
     */
    float[] input(int i, int dx, int dy) {
        DecodedImage image = images.image(i);
        if (dx != 0 || dy != 0) {
            image = shifted(image, dx, dy);
        }
        return Preprocessor.toTensor(image, preprocessing, input.height(), input.width());
    }

    private static DecodedImage shifted(DecodedImage image, int dx, int dy) {
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
}
