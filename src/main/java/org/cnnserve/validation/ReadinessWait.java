package org.cnnserve.validation;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.registry.ModelState;
import org.cnnserve.registry.VersionStatus;
import org.cnnserve.registry.UnknownVersionException;

/** Waits until a model version has left LOADING, by asking the registry every {@code poll}. */
final class ReadinessWait {

    private final ModelRegistry registry;
    private final Duration poll;

    ReadinessWait(ModelRegistry registry, Duration poll) {
        this.registry = registry;
        this.poll = poll;
    }

    /** @return the version's status once it is no longer LOADING, or when {@code giveUp} says so */
    VersionStatus await(String model, int version, BooleanSupplier giveUp) throws InterruptedException {
        while (true) {
            VersionStatus status = registry.version(model, version).orElseThrow(
                    () -> new UnknownVersionException(model, Integer.toString(version), List.of()));
            if (status.state() != ModelState.LOADING || giveUp.getAsBoolean()) {
                return status;
            }
            Thread.sleep(poll.toMillis());
        }
    }
}
