package org.cnnserve.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** Engines whose passes take scripted times on a fake clock, and the order they ran in: no timing in tests. */
final class FakeEngines implements LongSupplier {

    private long now;
    final List<String> ran = new ArrayList<>();

    @Override
    public long getAsLong() {
        return now;
    }

    /**
     * An engine called {@code name} whose n-th pass takes {@code millis[n]} milliseconds, and the last of
     * them for every pass after.
     */
    Runnable engine(String name, long... millis) {
        int[] passes = {0};
        return () -> {
            now += millis[Math.min(passes[0]++, millis.length - 1)] * 1_000_000;
            ran.add(name);
        };
    }
}
