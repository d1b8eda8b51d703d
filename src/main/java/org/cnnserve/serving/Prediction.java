package org.cnnserve.serving;

import java.time.Duration;

/**
 * The probabilities for one input and where its time went.
 *
 * @param queued   from submission until the worker took the request
 * @param computed the forward pass of the batch that held the request
 */
public record Prediction(float[] probabilities, Duration queued, Duration computed, int batchSize) {
}
