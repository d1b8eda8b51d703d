package org.cnnserve.serving;

import java.util.ArrayList;
import java.util.List;

/** Keeps what a batcher reported, in order. */
final class RecordingListener implements BatchListener {

    final List<Integer> dispatched = new ArrayList<>();
    final List<Long> queueWaits = new ArrayList<>();
    final List<String> completed = new ArrayList<>();

    @Override
    public void batchDispatched(int size) {
        dispatched.add(size);
    }

    @Override
    public void queueWait(long nanos) {
        queueWaits.add(nanos);
    }

    /** Recorded as "size/computeNanos/ok" or "size/computeNanos/failed". */
    @Override
    public void batchCompleted(int size, long computeNanos, boolean failed) {
        completed.add(size + "/" + computeNanos + "/" + (failed ? "failed" : "ok"));
    }
}
