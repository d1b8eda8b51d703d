package org.cnnserve.serving;

import java.util.ArrayList;
import java.util.List;

/** What one look at a {@link DynamicBatcher}'s queue, under its lock, found to do outside the lock. */
final class Decision {

    final long now;
    final List<QueuedRequest> expired = new ArrayList<>(0);
    final List<Batch> batches = new ArrayList<>(1);
    /** Requests that no executor is left to run. */
    final List<QueuedRequest> unserved = new ArrayList<>(0);
    boolean stopped;

    Decision(long now) {
        this.now = now;
    }
}
