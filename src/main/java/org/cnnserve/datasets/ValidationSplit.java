package org.cnnserve.datasets;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.cnnserve.imaging.DecodedImage;

/**
 * A training set divided in two: the images a model learns from and a validation split held out
 * from them, on which a training run makes its choices (which epoch to keep), so that the test split
 * is looked at once, at the end, and its figure is not one the choices leaned towards.
 *
 * <p>The held-out images are the first {@code size} of a permutation of the training set drawn by
 * {@link Random} with {@code seed}: the same seed and set give the same split on every run, and
 * runs that differ in anything else (architecture, learning rate, initialisation seed) are compared
 * on the same images.
 */
public final class ValidationSplit {

    private final Subset train;
    private final Subset validation;
    private final long seed;

    private ValidationSplit(Subset train, Subset validation, long seed) {
        this.train = train;
        this.validation = validation;
        this.seed = seed;
    }

    /**
     * @throws IllegalArgumentException when {@code size} is negative or leaves no image to train on
     */
    public static ValidationSplit of(LabelledImages all, int size, long seed) {
        if (size < 0 || size >= all.size()) {
            throw new IllegalArgumentException("a validation split of " + size + " images must be at least 0 and "
                    + "leave images to train on, and the training split has " + all.size());
        }
        int[] order = new int[all.size()];
        Arrays.setAll(order, i -> i);
        Random random = new Random(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] held = Arrays.copyOfRange(order, 0, size);
        int[] kept = Arrays.copyOfRange(order, size, order.length);
        Arrays.sort(held);
        Arrays.sort(kept);
        return new ValidationSplit(
                new Subset(all, kept, all.description() + " without its " + size + " validation images"),
                new Subset(all, held, size + " images held out of " + all.description() + " for validation"), seed);
    }

    /** The images left to train on, in their original order. */
    public LabelledImages train() {
        return train;
    }

    /** The held-out images, in their original order. */
    public LabelledImages validation() {
        return validation;
    }

    /** The seed the permutation was drawn with. */
    public long seed() {
        return seed;
    }

    /** The indices in the whole training set of {@link #train()}'s images, ascending. */
    public int[] trainIndices() {
        return train.indices.clone();
    }

    /** The indices in the whole training set of {@link #validation()}'s images, ascending. */
    public int[] validationIndices() {
        return validation.indices.clone();
    }

    /** Some images of a data set, by their indices in it. */
    private static final class Subset implements LabelledImages {

        private final LabelledImages source;
        private final int[] indices;
        private final String description;

        Subset(LabelledImages source, int[] indices, String description) {
            this.source = source;
            this.indices = indices;
            this.description = description;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public int size() {
            return indices.length;
        }

        @Override
        public List<String> classNames() {
            return source.classNames();
        }

        @Override
        public int label(int i) {
            return source.label(indices[i]);
        }

        @Override
        public DecodedImage image(int i) {
            return source.image(indices[i]);
        }
    }
}
