package org.cnnserve.serving;

import java.util.concurrent.CompletableFuture;

/**
 * One model replica as a {@link DynamicBatcher} sees it. The batcher never hands an executor a second
 * batch before the future of its previous one completed, so an implementation needs no queue.
 *
 * <p>{@link #execute} must not block: it hands the batch to the replica's own thread and returns. The
 * batcher answers the batch's requests, and may dispatch the next batch, on whichever thread completes
 * the returned future. A future that never completes leaves its requests unanswered, so
 * implementations must complete it on every path, failures included.
 */
public interface BatchExecutor {

    /**
     * @param inputs one input per request, oldest request first
     * @return one output row per input, in the same order
     */
    CompletableFuture<float[][]> execute(float[][] inputs);

    /**
     * Completes, with the reason, once the executor has left service for good (a replica that cannot
     * be rebuilt); the batcher then gives it no more batches. The default never completes.
     */
    default CompletableFuture<String> retired() {
        return new CompletableFuture<>();
    }
}
