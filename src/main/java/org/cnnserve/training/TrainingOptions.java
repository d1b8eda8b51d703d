package org.cnnserve.training;

import java.nio.file.Path;
import org.cnnserve.architectures.InputShape;

/**
 * What one training run does. Every field is recorded in the version's {@code training.json}.
 *
 * @param model        the model folder in the repository that receives the new version
 * @param architecture a catalogue architecture: the model's (checked), or the one to create the model with
 * @param input        a new model's input shape
 * @param labels       a new model's class names, one per line; absent: the data set's {@code labels.txt}
 * @param repository   the model repository directory
 * @param dataset      directory with {@code train-*} and {@code t10k-*} IDX files (Fashion-MNIST layout)
 * @param validationSplit images held out of the training split to choose the epoch by
 * @param validationSeed  seed of the draw of the held-out images, apart from {@code seed} so that runs with
 *                        different initialisations are compared on the same images
 * @param flip         mirror each training image left-right with probability 1/2
 * @param shift        move each training image by up to this many pixels in each direction, at random
 * @param threads      native threads; 0: one per core
 */
record TrainingOptions(String model, String architecture, InputShape input, Path labels, Path repository, Path dataset,
                       int epochs, int batchSize,
                       double learningRate, double momentum, double weightDecay, long seed, int validationSplit,
                       long validationSeed, boolean flip, int shift, int threads) {

    TrainingOptions {
        model = model == null ? architecture : model;
        require(model != null && !model.isBlank(), "--model or --architecture is required");
        require(!model.startsWith(".") && !model.contains("/"), "--model must be a folder name, was '" + model + "'");
        input = input == null ? new InputShape(28, 28, 1) : input;
        require(dataset != null, "--dataset is required");
        require(epochs >= 1, "--epochs must be at least 1, was " + epochs);
        require(batchSize >= 1, "--batch-size must be at least 1, was " + batchSize);
        require(learningRate > 0, "--learning-rate must be positive, was " + learningRate);
        require(momentum >= 0 && momentum < 1, "--momentum must be in [0, 1), was " + momentum);
        require(weightDecay >= 0, "--weight-decay must be at least 0, was " + weightDecay);
        require(validationSplit >= 1, "--validation-split must be at least 1, was " + validationSplit);
        require(shift >= 0, "--shift must be at least 0, was " + shift);
        require(threads >= 0, "--threads must be at least 0, was " + threads);
    }

    private static void require(boolean rule, String message) {
        if (!rule) {
            throw new IllegalArgumentException(message);
        }
    }
}
