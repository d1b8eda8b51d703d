package org.cnnserve.serving;

/**
 * A model replica that turns a batch of preprocessed inputs into class probabilities.
 * Implementations are not thread-safe: a worker calls one replica from its own thread only.
 */
public interface BatchModel {

    /**
     * @param inputs one CHW float array per image, each of the model's input size
     * @return one probability vector per input, in the same order
     */
    float[][] predict(float[][] inputs);
}
