package org.cnnserve.training;

import java.util.function.UnaryOperator;
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

    /** The model's input shape, which every input has. */
    InputShape shape() {
        return input;
    }

    /** Image {@code i} as a CHW input of the model's shape. */
    float[] input(int i) {
        return input(i, UnaryOperator.identity());
    }

    /** Image {@code i} changed by {@code before} (an augmentation), then preprocessed. */
    float[] input(int i, UnaryOperator<DecodedImage> before) {
        return Preprocessor.toTensor(before.apply(images.image(i)), preprocessing, input.height(), input.width());
    }
}
