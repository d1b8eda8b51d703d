package org.cnnserve.serving;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a {@link ReplicaWorker} lets one batch run before it fails the batch and abandons the
 * replica. A fixed {@code limit}, or, when none is given, {@value #WARM_UP_MULTIPLE} times the
 * replica's measured warm-up pass (one image) per image of the batch, and never less than
 * {@link #FLOOR}.
 *
 * @param ticker the clock of the warm-up measurement; the {@code timer}'s clock
 * @param timer  fires the limit; {@code null} for no watchdog
 * @param limit  a fixed limit for every batch, or {@code null} for one derived from the warm-up pass
 */
public record Watchdog(Ticker ticker, Timer timer, Duration limit) {

    public static final int WARM_UP_MULTIPLE = 10;
    public static final Duration FLOOR = Duration.ofSeconds(5);

    /** No limit: a batch may run for ever. */
    public static final Watchdog NONE = new Watchdog(Ticker.system(), null, null);

    public Watchdog {
        Objects.requireNonNull(ticker, "ticker must be given");
        if (limit != null && (limit.isNegative() || limit.isZero())) {
            throw new IllegalArgumentException("the batch time limit must be positive, was " + limit);
        }
    }

    boolean enabled() {
        return timer != null;
    }

    /** The limit of a batch of {@code images} on a replica whose warm-up pass took {@code warmUpNanos}. */
    long limitNanos(int images, long warmUpNanos) {
        if (limit != null) {
            return limit.toNanos();
        }
        long derived;
        try {
            derived = Math.multiplyExact(Math.multiplyExact(warmUpNanos, (long) WARM_UP_MULTIPLE), (long) images);
        } catch (ArithmeticException e) {
            derived = Long.MAX_VALUE;
        }
        return Math.max(FLOOR.toNanos(), derived);
    }
}
