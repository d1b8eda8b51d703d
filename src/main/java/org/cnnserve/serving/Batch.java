package org.cnnserve.serving;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Requests dispatched together to one executor, and how to answer them. */
final class Batch {

    final int executor;
    final List<QueuedRequest> requests;
    final long dispatchedNanos;

    Batch(int executor, List<QueuedRequest> requests, long dispatchedNanos) {
        this.executor = executor;
        this.requests = requests;
        this.dispatchedNanos = dispatchedNanos;
    }

    int size() {
        return requests.size();
    }

    float[][] inputs() {
        float[][] inputs = new float[requests.size()][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = requests.get(i).input();
        }
        return inputs;
    }

    /**
     * Completes every request: row i answers request i, or all fail together with
     * {@link InferenceFailedException} when the executor failed or returned rows that do not match, or
     * with the executor's {@link ReplicaLostException} itself.
     *
     * @return the failure, or null when the batch was answered
     */
    Throwable answer(String model, float[][] outputs, Throwable error, long completedNanos) {
        Throwable failure = error != null ? unwrap(error) : rowProblem(outputs);
        if (failure != null) {
            for (QueuedRequest request : requests) {
                // A lost replica says nothing about the requests: they answer 503, not 500.
                request.result().completeExceptionally(failure instanceof ReplicaLostException
                        ? failure : new InferenceFailedException(model, size(), failure));
            }
            return failure;
        }
        Duration computed = Duration.ofNanos(completedNanos - dispatchedNanos);
        for (int i = 0; i < requests.size(); i++) {
            QueuedRequest request = requests.get(i);
            request.result().complete(new Prediction(outputs[i],
                    Duration.ofNanos(dispatchedNanos - request.enqueuedNanos()), computed, size()));
        }
        return null;
    }

    private Throwable rowProblem(float[][] outputs) {
        if (outputs == null) {
            return new IllegalStateException("the executor returned no rows for a batch of " + size());
        }
        if (outputs.length != size()) {
            return new IllegalStateException("the executor returned " + outputs.length
                    + " rows for a batch of " + size());
        }
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i] == null) {
                return new IllegalStateException("the executor returned no row " + i + " for a batch of " + size());
            }
        }
        return null;
    }

    // Futures derived with thenApply and friends wrap the real failure; report the real one.
    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
