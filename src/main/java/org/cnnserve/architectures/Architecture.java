package org.cnnserve.architectures;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * A network family member that can be built for a given input shape and class count.
 *
 * <p>The caller supplies the base configuration (seed, updater, regularisation), so the same
 * definition serves training and inference. Every network has one input called {@code input}
 * and one softmax output called {@code output}.
 */
public interface Architecture {

    /** Stable identifier used in model configs and URLs, e.g. {@code resnet50}. */
    String name();

    /** One line a user can read: the paper and what this definition follows. */
    String description();

    /**
     * Builds the graph configuration.
     *
     * @throws IllegalArgumentException when the input is too small for this network's downsampling
     */
    ComputationGraphConfiguration configuration(InputShape input, int classes, NeuralNetConfiguration.Builder base);

    /**
     * The graph to train: the inference graph unless the network has training-only heads, which it
     * then adds as further outputs after {@code output} (GoogLeNet's auxiliary classifiers).
     *
     * @throws IllegalArgumentException when the input is too small for this network's downsampling
     */
    default ComputationGraphConfiguration trainingConfiguration(InputShape input, int classes,
                                                                NeuralNetConfiguration.Builder base) {
        return configuration(input, classes, base);
    }
}
