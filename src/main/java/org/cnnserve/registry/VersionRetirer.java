package org.cnnserve.registry;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.cnnserve.serving.Scheduler;
import org.cnnserve.serving.ServingObserver;
import org.cnnserve.serving.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a version the registry no longer routes to out of service without losing a request. It is
 * UNLOADING at once; for the grace it still admits what requests that found it just before the switch
 * submit; then its scheduler stops admitting and drains what it accepted (every accepted request is
 * answered), and its replicas' threads end and release their networks. The version is then UNAVAILABLE.
 */
final class VersionRetirer {

    private static final Logger log = LoggerFactory.getLogger(VersionRetirer.class);

    private final Duration grace;
    private final Duration drainTimeout;
    private final Timer timer;
    private final Executor releaser;
    private final ServingObserver observer;

    /**
     * @param timer    ends the grace, on the schedulers' clock
     * @param releaser runs the release, which waits for the replica threads to end: never the thread of
     *                 a replica or of the timer
     */
    VersionRetirer(Duration grace, Duration drainTimeout, Timer timer, Executor releaser, ServingObserver observer) {
        this.grace = grace;
        this.drainTimeout = drainTimeout;
        this.timer = timer;
        this.releaser = releaser;
        this.observer = observer;
    }

    /** A new thread per release: releases are rare and each waits on replica threads. */
    static Executor threadPerRelease() {
        return task -> {
            Thread thread = new Thread(task, "version-release");
            thread.setDaemon(true);
            thread.start();
        };
    }

    /** @return completes, never exceptionally, with the version's status once its replicas are released */
    CompletableFuture<VersionStatus> retire(String model, VersionSlot version) {
        version.unloading();
        CompletableFuture<Void> graceOver = new CompletableFuture<>();
        if (grace.isZero()) {
            graceOver.complete(null);
        } else {
            timer.schedule(() -> graceOver.complete(null), grace.toNanos());
        }
        return graceOver.thenCompose(ignored -> drain(model, version))
                .handleAsync((ok, error) -> {
                    if (error != null) {
                        log.warn("model {} version {} did not drain cleanly: {}", model, version.version, error.toString());
                    }
                    version.workers().forEach(w -> w.stop(drainTimeout));
                    version.released();
                    log.info("model {} version {} unloaded: its replicas are released", model, version.version);
                    return version.status();
                }, releaser);
    }

    private CompletableFuture<Void> drain(String model, VersionSlot version) {
        Scheduler scheduler = version.scheduler();
        if (scheduler == null) {
            return CompletableFuture.completedFuture(null);
        }
        return scheduler.stop().completeOnTimeout(null, drainTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ok, error) -> observer.schedulerRetired(model, version.version, scheduler));
    }
}
