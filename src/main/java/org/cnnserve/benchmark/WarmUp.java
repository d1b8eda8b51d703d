package org.cnnserve.benchmark;

import java.util.Arrays;
import java.util.function.LongSupplier;

/** Runs a pass until its time per pass is stable by a {@link Stability} rule, timing with an injected clock. */
final class WarmUp {

    /**
     * @param passes  passes run
     * @param seconds time they took
     * @param stable  whether the rule held; false when the cap ended the warm-up
     */
    record Result(int passes, double seconds, boolean stable) {
    }

    private WarmUp() {
    }

    static Result untilStable(Runnable pass, Stability rule, LongSupplier nanoTime) {
        long start = nanoTime.getAsLong();
        long cap = rule.cap().toNanos();
        long[] times = new long[Math.max(16, 2 * rule.window())];
        int count = 0;
        long now = start;
        while (true) {
            long before = now;
            pass.run();
            now = nanoTime.getAsLong();
            if (count == times.length) {
                times = Arrays.copyOf(times, 2 * count);
            }
            times[count++] = now - before;
            if (rule.holds(times, count)) {
                return new Result(count, (now - start) / 1e9, true);
            }
            if (now - start >= cap) {
                return new Result(count, (now - start) / 1e9, false);
            }
        }
    }
}
