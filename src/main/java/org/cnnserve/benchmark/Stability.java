package org.cnnserve.benchmark;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * When a warm-up may end: once the median time per pass of the last {@code window} passes differs from
 * the median of the {@code window} passes before them by less than {@code tolerance} (relative), or
 * once {@code cap} has passed, whichever comes first. A fixed warm-up is either too short (a DL4J pass
 * keeps speeding up for about ten seconds while the JIT compiles its Java side) or wastes time on a
 * graph that is steady after three passes; this measures instead.
 *
 * @param window    passes per median; the rule needs twice this many before it can hold
 * @param tolerance largest relative change of the median that counts as stable, e.g. 0.03
 * @param cap       longest warm-up; a measurement that starts unstable says so
 */
record Stability(int window, double tolerance, Duration cap) {

    /** What the bench commands use: five passes, 3 %, at most a minute. */
    static final Stability DEFAULT = new Stability(5, 0.03, Duration.ofMinutes(1));

    Stability {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1 pass, was " + window);
        }
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1), was " + tolerance);
        }
        if (cap == null || cap.isNegative() || cap.isZero()) {
            throw new IllegalArgumentException("cap must be positive, was " + cap);
        }
    }

    /**
     * The rule as the bench tables' footnotes state it, e.g. "its median time per pass over 5 passes changed
     * by under 3%".
     */
    String rule() {
        return String.format(Locale.ROOT, "its median time per pass over %d passes changed by under %.0f%%", window,
                100 * tolerance);
    }

    /** What a footnote adds when some row's warm-up reached the cap, marked *; nothing when every row settled. */
    String unsettled(boolean allStable) {
        return allStable ? "" : "; rows marked * did not settle within " + cap.toSeconds() + " s of warm-up";
    }

    /** Whether the first {@code count} of {@code nanosPerPass} (oldest first) have settled. */
    boolean holds(long[] nanosPerPass, int count) {
        if (count < 2 * window) {
            return false;
        }
        double last = median(nanosPerPass, count - window, count);
        double before = median(nanosPerPass, count - 2 * window, count - window);
        return Math.abs(last - before) < tolerance * before;
    }

    static double median(long[] values, int from, int to) {
        long[] sorted = Arrays.copyOfRange(values, from, to);
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
