package org.cnnserve.serving;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A timer that runs its tasks only when the test advances the fake clock past their due times.
 * Replica threads may schedule and cancel while the test advances: the task list is guarded by the
 * timer, and tasks run outside that lock.
 */
public final class FakeTimer implements Timer {

    private final FakeTicker ticker;
    private final List<Task> pending = new ArrayList<>();
    private final List<Long> requestedDelays = new ArrayList<>();
    private long sequence;

    public FakeTimer(FakeTicker ticker) {
        this.ticker = ticker;
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, long delayNanos) {
        requestedDelays.add(delayNanos);
        Task scheduled = new Task(ticker.nanos() + delayNanos, sequence++, task);
        pending.add(scheduled);
        return () -> {
            synchronized (this) {
                pending.remove(scheduled);
            }
        };
    }

    /** Moves the clock by {@code nanos}, running each task that falls due on the way, in due order. */
    public void advance(long nanos) {
        long target = ticker.nanos() + nanos;
        while (true) {
            Task next;
            synchronized (this) {
                next = pending.stream().filter(t -> t.due <= target)
                        .min(Comparator.comparingLong((Task t) -> t.due).thenComparingLong(t -> t.sequence))
                        .orElse(null);
                if (next == null) {
                    break;
                }
                pending.remove(next);
                ticker.set(Math.max(ticker.nanos(), next.due));
            }
            next.task.run();
        }
        ticker.set(target);
    }

    /** Runs every pending task now, before its due time, as a timer on another clock might. */
    void fireEarly() {
        List<Task> due;
        synchronized (this) {
            due = new ArrayList<>(pending);
            pending.clear();
        }
        due.forEach(t -> t.task.run());
    }

    public synchronized int pendingCount() {
        return pending.size();
    }

    /** Due time of the single pending task. */
    synchronized long onlyDueTime() {
        if (pending.size() != 1) {
            throw new AssertionError("expected one pending task, found " + pending.size());
        }
        return pending.get(0).due;
    }

    /** Every delay ever asked for, in order. */
    public synchronized List<Long> requestedDelays() {
        return List.copyOf(requestedDelays);
    }

    private static final class Task {
        final long due;
        final long sequence;
        final Runnable task;

        Task(long due, long sequence, Runnable task) {
            this.due = due;
            this.sequence = sequence;
            this.task = task;
        }
    }
}
