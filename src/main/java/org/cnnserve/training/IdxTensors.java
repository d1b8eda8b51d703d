package org.cnnserve.training;

import org.cnnserve.architectures.InputShape;
import org.cnnserve.datasets.IdxImages;
import org.cnnserve.imaging.DecodedImage;
import org.cnnserve.imaging.Preprocessing;
import org.cnnserve.imaging.Preprocessor;

/**
 * IDX images as model inputs, through the same {@link Preprocessor} the service applies to an
 * uploaded image, so that a network sees identical tensors in training and in serving.
 */
final class IdxTensors {

    private final IdxImages images;
    private final Preprocessing preprocessing;
    private final InputShape input;

    IdxTensors(IdxImages images, Preprocessing preprocessing, InputShape input) {
        this.images = images;
        this.preprocessing = preprocessing;
        this.input = input;
    }

    int count() {
        return images.count();
    }

    int label(int i) {
        return images.label(i);
    }

    /** Image {@code i} as a CHW input of the model's shape. */
    float[] input(int i) {
        int size = images.rows() * images.cols();
        float[] grey = new float[size];
        for (int p = 0; p < size; p++) {
            grey[p] = images.pixel(i, p) / 255f;
        }
        DecodedImage image = new DecodedImage("idx", images.cols(), images.rows(), 1, grey);
        return Preprocessor.toTensor(image, preprocessing, input.height(), input.width());
    }
}
