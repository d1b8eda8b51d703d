package org.cnnserve.serving;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The FIFO of a {@link DynamicBatcher}; not thread-safe, the batcher's lock guards it. */
final class RequestQueue {

    private final ArrayDeque<QueuedRequest> requests = new ArrayDeque<>();

    int size() {
        return requests.size();
    }

    void add(QueuedRequest request) {
        requests.addLast(request);
    }

    /** The request that waited longest, or null when the queue is empty. */
    QueuedRequest oldest() {
        return requests.peekFirst();
    }

    /**
     * Drops requests whose caller already completed or cancelled their future, and moves those whose
     * deadline is at or before {@code now} into {@code expired}, so that neither is ever run.
     */
    void purge(long now, List<QueuedRequest> expired) {
        Iterator<QueuedRequest> it = requests.iterator();
        while (it.hasNext()) {
            QueuedRequest request = it.next();
            if (request.result().isDone()) {
                it.remove();
            } else if (request.deadlineNanos() <= now) {
                it.remove();
                expired.add(request);
            }
        }
    }

    /** Moves every request into {@code into}, oldest first. */
    void drainTo(List<QueuedRequest> into) {
        into.addAll(requests);
        requests.clear();
    }

    /** Removes and returns the {@code count} oldest requests. */
    List<QueuedRequest> take(int count) {
        List<QueuedRequest> taken = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            taken.add(requests.pollFirst());
        }
        return taken;
    }
}
