package org.cnnserve.training;

import java.nio.file.Path;

/**
 * What one training run does. Every field is recorded in the version's {@code training.json}.
 *
 * @param model        the model folder in the repository that receives the new version
 * @param repository   the model repository directory
 * @param dataset      directory with {@code train-*} and {@code t10k-*} IDX files (Fashion-MNIST layout)
 * @param flip         mirror each training image left-right with probability 1/2
 */
record TrainingOptions(String model, Path repository, Path dataset, int epochs, int batchSize,
                       double learningRate, double momentum, double weightDecay, long seed, boolean flip) {

    TrainingOptions {
        require(model != null && !model.isBlank(), "--model is required");
        require(dataset != null, "--dataset is required");
        require(epochs >= 1, "--epochs must be at least 1, was " + epochs);
        require(batchSize >= 1, "--batch-size must be at least 1, was " + batchSize);
        require(learningRate > 0, "--learning-rate must be positive, was " + learningRate);
        require(momentum >= 0 && momentum < 1, "--momentum must be in [0, 1), was " + momentum);
        require(weightDecay >= 0, "--weight-decay must be at least 0, was " + weightDecay);
    }

    private static void require(boolean rule, String message) {
        if (!rule) {
            throw new IllegalArgumentException(message);
        }
    }
}
