package org.cnnserve.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A rate over the last minute or so from a counter that only grows: each reading keeps a sample
 * (at most one a second), and the rate is the growth since the oldest sample still inside
 * {@link #WINDOW}. Micrometer's cumulative counters have no rate of their own, and the page should
 * not have to difference them itself.
 */
final class RecentRate {

    static final Duration WINDOW = Duration.ofSeconds(60);
    private static final Duration MIN_SPACING = Duration.ofSeconds(1);

    private record Sample(Instant at, double count) {
    }

    private final Clock clock;
    private final Deque<Sample> samples = new ArrayDeque<>();

    RecentRate(Clock clock) {
        this.clock = clock;
    }

    /** Per second; {@code null} until two readings at least a second apart have been made. */
    synchronized Double read(double count) {
        Instant now = clock.instant();
        while (samples.size() > 1 && samples.peekFirst().at().isBefore(now.minus(WINDOW))) {
            samples.removeFirst();
        }
        if (samples.isEmpty() || !samples.peekLast().at().plus(MIN_SPACING).isAfter(now)) {
            samples.addLast(new Sample(now, count));
        }
        Sample oldest = samples.peekFirst();
        double seconds = Duration.between(oldest.at(), now).toNanos() / 1e9;
        if (seconds < MIN_SPACING.toSeconds()) {
            return null;
        }
        return Math.max(0, count - oldest.count()) / seconds;
    }
}
