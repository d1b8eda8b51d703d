package org.cnnserve.classify;

import java.util.List;

/**
 * The class probabilities of every image of an inference request, in the request's order.
 *
 * @param rows one row of {@code labels.size()} probabilities per image
 */
public record Probabilities(String model, int version, List<String> labels, float[][] rows) {
}
