package org.cnnserve.validation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * An executor whose tasks run only when the test says so, on the test's thread. Once shut down it
 * refuses tasks; it terminates when no task is left, and waiting for that never blocks.
 */
final class ManualExecutorService extends AbstractExecutorService {

    private final Deque<Runnable> tasks = new ArrayDeque<>();
    private boolean shutdown;
    private boolean shutdownNow;

    /** Tasks handed over and not run yet. */
    int handed() {
        return tasks.size();
    }

    void runNext() {
        Runnable task = tasks.poll();
        if (task == null) {
            throw new AssertionError("no task was handed over");
        }
        task.run();
    }

    /** True if the tasks left were dropped because they did not end in time. */
    boolean wasShutDownNow() {
        return shutdownNow;
    }

    @Override
    public void execute(Runnable command) {
        if (shutdown) {
            throw new RejectedExecutionException("shut down");
        }
        tasks.add(command);
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        shutdownNow = true;
        List<Runnable> left = new ArrayList<>(tasks);
        tasks.clear();
        return left;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && tasks.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }
}
