package org.cnnserve.serving;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link Timer}: one daemon thread of a {@link ScheduledThreadPoolExecutor}. Tasks run
 * on that thread, so they must be short. {@link #close()} drops what is pending; close it only after
 * the schedulers that use it have stopped.
 */
public final class DaemonTimer implements Timer, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DaemonTimer.class);

    private final ScheduledThreadPoolExecutor executor;

    DaemonTimer(String threadName) {
        executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        // A batcher replaces its wake-up often; cancelled ones must not pile up until their due time.
        executor.setRemoveOnCancelPolicy(true);
    }

    /** @throws java.util.concurrent.RejectedExecutionException once the timer is closed */
    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        ScheduledFuture<?> scheduled = executor.schedule(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                // The executor would keep the failure in a future nobody reads.
                log.error("a timer task failed", t);
            }
        }, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return () -> scheduled.cancel(false);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
