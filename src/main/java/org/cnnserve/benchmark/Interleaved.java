package org.cnnserve.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Times several engines in alternating rounds (A, B, A, B, ...) rather than one after the other, so
 * that a drift of the machine (another process, the clock speed, the JIT) falls on all of them alike;
 * each engine is first warmed until stable ({@link WarmUp}). The result per engine is the spread of its
 * rounds' passes per second.
 */
final class Interleaved {

    /**
     * @param passesPerSecond per engine, in the order given, the spread over the rounds
     * @param warmUps         per engine, how its warm-up ended
     */
    record Result(List<Spread> passesPerSecond, List<WarmUp.Result> warmUps) {

        /** Whether every engine's warm-up reached the stability rule. */
        boolean allStable() {
            return warmUps.stream().allMatch(WarmUp.Result::stable);
        }
    }

    private Interleaved() {
    }

    /**
     * Warms each engine in turn, then runs {@code rounds} rounds of each in turn, each round at least
     * {@code round} long and at least one pass.
     */
    static Result measure(List<Runnable> engines, Stability rule, int rounds, Duration round, LongSupplier nanoTime) {
        if (engines.isEmpty() || rounds < 1) {
            throw new IllegalArgumentException("need at least one engine and one round, had " + engines.size()
                    + " and " + rounds);
        }
        List<WarmUp.Result> warmUps = new ArrayList<>();
        for (Runnable engine : engines) {
            warmUps.add(WarmUp.untilStable(engine, rule, nanoTime));
        }
        return new Result(rounds(engines, rounds, round, nanoTime), warmUps);
    }

    /** As {@link #measure} without the warm-up: the engines' rounds in turn, their spreads of passes per second. */
    static List<Spread> rounds(List<Runnable> engines, int rounds, Duration round, LongSupplier nanoTime) {
        double[][] rates = new double[engines.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int e = 0; e < engines.size(); e++) {
                rates[e][r] = round(engines.get(e), round.toNanos(), nanoTime);
            }
        }
        List<Spread> spreads = new ArrayList<>();
        for (double[] engine : rates) {
            spreads.add(Spread.of(engine));
        }
        return spreads;
    }

    /** Passes per second of {@code pass} over one round of at least {@code nanos} and one pass. */
    static double round(Runnable pass, long nanos, LongSupplier nanoTime) {
        long start = nanoTime.getAsLong();
        long now;
        int passes = 0;
        do {
            pass.run();
            passes++;
            now = nanoTime.getAsLong();
        } while (now - start < nanos);
        return passes / ((now - start) / 1e9);
    }
}
