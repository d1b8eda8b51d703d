package org.cnnserve.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A replica whose batches the test answers by hand, or at once when built with {@link #answeringAtOnce}.
 * Its answer to an input is {@code {input[0] * 10}}, so that every output is told apart from its input.
 */
final class ManualExecutor implements BatchExecutor {

    private final boolean atOnce;
    private final List<float[][]> batches = new ArrayList<>();
    private final CompletableFuture<String> retired = new CompletableFuture<>();
    private CompletableFuture<float[][]> running;
    private boolean overlapped;

    private ManualExecutor(boolean atOnce) {
        this.atOnce = atOnce;
    }

    static ManualExecutor manual() {
        return new ManualExecutor(false);
    }

    static ManualExecutor answeringAtOnce() {
        return new ManualExecutor(true);
    }

    static float[][] answerTo(float[][] inputs) {
        float[][] rows = new float[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            rows[i] = new float[] {inputs[i][0] * 10};
        }
        return rows;
    }

    @Override
    public CompletableFuture<float[][]> execute(float[][] inputs) {
        if (running != null && !running.isDone()) {
            overlapped = true;
        }
        batches.add(inputs);
        running = atOnce ? CompletableFuture.completedFuture(answerTo(inputs)) : new CompletableFuture<>();
        return running;
    }

    @Override
    public CompletableFuture<String> retired() {
        return retired;
    }

    /** Leaves service for good, as a replica that cannot be rebuilt does. */
    void retire(String reason) {
        retired.complete(reason);
    }

    /** Answers the running batch correctly. */
    void answer() {
        answerWith(answerTo(batches.get(batches.size() - 1)));
    }

    void answerWith(float[][] rows) {
        runningBatch().complete(rows);
    }

    void fail(Throwable failure) {
        runningBatch().completeExceptionally(failure);
    }

    boolean busy() {
        return running != null && !running.isDone();
    }

    /** True if it was ever handed a batch while the previous one was still running. */
    boolean overlapped() {
        return overlapped;
    }

    /** The first value of each input of every batch it was given, batch by batch. */
    List<List<Float>> batchValues() {
        List<List<Float>> values = new ArrayList<>();
        for (float[][] batch : batches) {
            List<Float> firsts = new ArrayList<>();
            for (float[] input : batch) {
                firsts.add(input[0]);
            }
            values.add(firsts);
        }
        return values;
    }

    private CompletableFuture<float[][]> runningBatch() {
        if (!busy()) {
            throw new AssertionError("no batch is running");
        }
        return running;
    }
}
