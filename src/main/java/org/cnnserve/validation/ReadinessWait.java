package org.cnnserve.validation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.registry.VersionStatus;
import org.cnnserve.registry.UnknownVersionException;

/**
 * Waits until a model version has left LOADING, on the future the registry completes when it settles.
 * The wait wakes every {@code poll} only to ask whether to give up.
 */
final class ReadinessWait {

    private final ModelRegistry registry;
    private final Duration poll;

    ReadinessWait(ModelRegistry registry, Duration poll) {
        this.registry = registry;
        this.poll = poll;
    }

    /** @return the version's status once it is no longer LOADING, or when {@code giveUp} says so */
    VersionStatus await(String model, int version, BooleanSupplier giveUp) throws InterruptedException {
        CompletableFuture<VersionStatus> settled = registry.settled(model, version).orElseThrow(
                () -> new UnknownVersionException(model, Integer.toString(version), List.of()));
        while (true) {
            try {
                return settled.get(poll.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (giveUp.getAsBoolean()) {
                    return registry.version(model, version).orElseThrow();
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("the registry's settled future never fails", e.getCause());
            }
        }
    }
}
