package org.cnnserve.serving;

import java.util.concurrent.CompletableFuture;

/** A request waiting in a {@link DynamicBatcher}'s queue or running in one of its batches. */
record QueuedRequest(float[] input, long deadlineNanos, long enqueuedNanos, CompletableFuture<Prediction> result) {
}
