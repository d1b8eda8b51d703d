package org.cnnserve.registry;

import org.cnnserve.architectures.InputShape;
import org.cnnserve.imaging.Preprocessing;

/**
 * The contents of a model folder's {@code model.yaml}.
 *
 * @param description   free text shown by the API
 * @param architecture  a name from the architecture catalogue, e.g. {@code lenet5}
 * @param input         height, width and channels the network takes
 * @param classes       number of output classes; the labels file has one line per class
 * @param labels        labels file, relative to the model folder
 * @param preprocessing how an image becomes the input tensor
 * @param weights       what to do when a version folder has no weights
 * @param versionPolicy which version folders to load
 */
public record ModelConfig(
        String description,
        String architecture,
        InputShape input,
        int classes,
        String labels,
        Preprocessing preprocessing,
        Weights weights,
        VersionPolicy versionPolicy) {

    public ModelConfig {
        if (architecture == null || architecture.isBlank()) {
            throw new IllegalArgumentException("architecture is required");
        }
        if (input == null) {
            throw new IllegalArgumentException("input is required, e.g. {height: 28, width: 28, channels: 1}");
        }
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be at least 1, was " + classes);
        }
        if (preprocessing == null) {
            throw new IllegalArgumentException("preprocessing is required");
        }
        if (preprocessing.color().channels() != input.channels()) {
            throw new IllegalArgumentException("preprocessing color " + preprocessing.color()
                    + " gives " + preprocessing.color().channels() + " channel(s) but input has " + input.channels());
        }
        description = description == null ? "" : description;
        labels = labels == null ? "labels.txt" : labels;
        weights = weights == null ? new Weights(false, 0) : weights;
        versionPolicy = versionPolicy == null ? VersionPolicy.LATEST : versionPolicy;
    }

    /**
     * @param allowUntrained serve a version without {@code model.zip} on initialised weights,
     *                       reported as {@link WeightsStatus#UNTRAINED}
     * @param seed           seed of that initialisation, so that every replica and restart agrees
     */
    public record Weights(boolean allowUntrained, long seed) {
    }
}
