package org.cnnserve.serving;

/** A clock that moves only when a test moves it. */
public final class FakeTicker implements Ticker {

    // Not zero, so that a forgotten "minus enqueue time" shows up in the numbers.
    private volatile long now = 1_000_000;

    @Override
    public long nanos() {
        return now;
    }

    public synchronized void advance(long nanos) {
        now += nanos;
    }

    synchronized void set(long nanos) {
        now = nanos;
    }
}
