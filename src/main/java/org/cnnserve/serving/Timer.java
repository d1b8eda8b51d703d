package org.cnnserve.serving;

/**
 * Runs a task once after a delay measured on the same clock as the scheduler's {@link Ticker}.
 * Injected so that tests can fire wake-ups by hand. A task may run on any thread and must not be run
 * by {@link #schedule} itself on the calling thread.
 */
public interface Timer {

    /** Runs {@code task} once, no earlier than {@code delayNanos} from now, unless cancelled first. */
    Cancellable schedule(Runnable task, long delayNanos);

    /** A scheduled task; cancelling one that already ran, or twice, does nothing. */
    interface Cancellable {
        void cancel();
    }

    /** A timer on one daemon thread named {@code threadName}; {@link DaemonTimer#close()} ends it. */
    static DaemonTimer daemon(String threadName) {
        return new DaemonTimer(threadName);
    }
}
