package org.cnnserve.engine.onnx;

/**
 * What a graph's output holds, decided by the op type of the node that produces it (looking through
 * Identity): Softmax gives probabilities, LogSoftmax their logarithms, anything else logits.
 */
enum Ending {
    /** The graph ends in Softmax: served as it is. */
    PROBABILITIES,
    /** The graph ends in LogSoftmax: served as exp of the output. */
    LOG_PROBABILITIES,
    /** Anything else: a softmax is applied to each row. */
    LOGITS;

    static Ending ofOp(String opType) {
        return switch (opType) {
            case "Softmax" -> PROBABILITIES;
            case "LogSoftmax" -> LOG_PROBABILITIES;
            default -> LOGITS;
        };
    }

    /** Turns one row of the graph's output, in place, into probabilities. */
    void toProbabilities(float[] row) {
        switch (this) {
            case PROBABILITIES -> {
            }
            case LOG_PROBABILITIES -> {
                for (int i = 0; i < row.length; i++) {
                    row[i] = (float) Math.exp(row[i]);
                }
            }
            case LOGITS -> {
                float max = Float.NEGATIVE_INFINITY;
                for (float v : row) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                double[] e = new double[row.length];
                for (int i = 0; i < row.length; i++) {
                    e[i] = Math.exp(row[i] - max);
                    sum += e[i];
                }
                for (int i = 0; i < row.length; i++) {
                    row[i] = (float) (e[i] / sum);
                }
            }
        }
    }
}
