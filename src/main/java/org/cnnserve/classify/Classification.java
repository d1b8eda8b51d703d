package org.cnnserve.classify;

import java.util.List;

/** The answer to a classify request, as written to JSON (snake_case). */
public record Classification(String model, int version, String weights, List<Label> predictions, Timings timings) {

    /** One of the top-k classes. */
    public record Label(String label, int index, double probability) {
    }

    /** Where the request's time went, in milliseconds. */
    public record Timings(double decodeMs, double preprocessMs, double queueMs, double inferenceMs, double totalMs) {
    }
}
