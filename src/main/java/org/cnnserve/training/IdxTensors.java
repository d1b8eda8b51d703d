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
        return input(i, 0, 0);
    }

    /**
     * Image {@code i} moved {@code dx} pixels right and {@code dy} down before preprocessing; what
     * moves in from outside is black, the data set's background.
     */
    float[] input(int i, int dx, int dy) {
        int rows = images.rows();
        int cols = images.cols();
        float[] grey = new float[rows * cols];
        for (int y = Math.max(0, dy); y < Math.min(rows, rows + dy); y++) {
            for (int x = Math.max(0, dx); x < Math.min(cols, cols + dx); x++) {
                grey[y * cols + x] = images.pixel(i, (y - dy) * cols + (x - dx)) / 255f;
            }
        }
        DecodedImage image = new DecodedImage("idx", images.cols(), images.rows(), 1, grey);
        return Preprocessor.toTensor(image, preprocessing, input.height(), input.width());
    }
}
