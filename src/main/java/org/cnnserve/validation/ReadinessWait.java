package org.cnnserve.validation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.registry.UnknownVersionException;
import org.cnnserve.registry.VersionStatus;

/**
 * Waits until a model version has left LOADING, on the future the registry completes when it settles,
 * for at most {@code timeout} on the job's clock: a version that never settles fails the job that waits
 * for it instead of holding the queue, and the jobs behind it, for ever. The wait wakes every
 * {@code poll} only to ask whether to give up.
 */
final class ReadinessWait {

    /** A model version, as the registry names it. */
    record Key(String model, int version) {
    }

    /** The registry's two answers the wait needs. */
    interface Versions {
        Optional<CompletableFuture<VersionStatus>> settled(String model, int version);

        Optional<VersionStatus> version(String model, int version);
    }

    private final Versions versions;
    private final Duration poll;
    private final Duration timeout;
    private final Clock clock;

    ReadinessWait(ModelRegistry registry, Duration poll, Duration timeout, Clock clock) {
        this(new Versions() {
            @Override
            public Optional<CompletableFuture<VersionStatus>> settled(String model, int version) {
                return registry.settled(model, version);
            }

            @Override
            public Optional<VersionStatus> version(String model, int version) {
                return registry.version(model, version);
            }
        }, poll, timeout, clock);
    }

    ReadinessWait(Versions versions, Duration poll, Duration timeout, Clock clock) {
        this.versions = versions;
        this.poll = poll;
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * Waits until every one of {@code keys} has left LOADING, for at most the timeout in all, or until
     * {@code giveUp} says so. It never fails: a version that does not settle, or is gone, only stops
     * holding the caller back; whether it loaded is its own job's answer.
     */
    void awaitAll(List<Key> keys, BooleanSupplier giveUp) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        for (Key key : keys) {
            Optional<CompletableFuture<VersionStatus>> settled = versions.settled(key.model(), key.version());
            if (settled.isPresent()) {
                try {
                    if (until(settled.get(), deadline, giveUp) != Outcome.SETTLED) {
                        return;
                    }
                } catch (ExecutionException e) {
                    // as settled: what it failed with is that version's own job's answer
                }
            }
        }
    }

    /**
     * @return the version's status once it is no longer LOADING, or when {@code giveUp} says so
     * @throws IllegalStateException when it is still LOADING after the timeout; the message says so
     */
    VersionStatus await(String model, int version, BooleanSupplier giveUp) throws InterruptedException {
        CompletableFuture<VersionStatus> settled = versions.settled(model, version).orElseThrow(
                () -> new UnknownVersionException(model, Integer.toString(version), List.of()));
        try {
            return switch (until(settled, clock.instant().plus(timeout), giveUp)) {
                case SETTLED -> settled.join();
                case GAVE_UP -> versions.version(model, version).orElseThrow();
                case TIMED_OUT -> throw new IllegalStateException("model '" + model + "' version " + version
                        + " was still " + versions.version(model, version).map(VersionStatus::state).orElse(null)
                        + " after " + timeout + "; the validation gives up");
            };
        } catch (ExecutionException e) {
            throw new IllegalStateException("the registry's settled future never fails", e.getCause());
        }
    }

    /** How a wait for one version ended. */
    private enum Outcome { SETTLED, GAVE_UP, TIMED_OUT }

    /**
     * Waits on {@code settled}, waking every poll to ask {@code giveUp} (first) and then the clock
     * whether to stop.
     */
    private Outcome until(CompletableFuture<VersionStatus> settled, Instant deadline, BooleanSupplier giveUp)
            throws InterruptedException, ExecutionException {
        while (true) {
            try {
                settled.get(poll.toNanos(), TimeUnit.NANOSECONDS);
                return Outcome.SETTLED;
            } catch (TimeoutException e) {
                if (giveUp.getAsBoolean()) {
                    return Outcome.GAVE_UP;
                }
                if (!clock.instant().isBefore(deadline)) {
                    return Outcome.TIMED_OUT;
                }
            }
        }
    }
}
