package org.cnnserve.serving;

/**
 * A monotonic clock in nanoseconds, as {@link System#nanoTime()}: only differences between readings
 * mean anything. Injected so that tests can move time by hand.
 */
public interface Ticker {

    long nanos();

    static Ticker system() {
        return System::nanoTime;
    }
}
