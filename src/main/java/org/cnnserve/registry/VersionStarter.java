package org.cnnserve.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cnnserve.serving.Device;
import org.cnnserve.serving.DynamicBatcher;
import org.cnnserve.engine.NativeThreads;
import org.cnnserve.serving.ReplicaWorker;
import org.cnnserve.serving.ServingObserver;
import org.cnnserve.serving.Ticker;
import org.cnnserve.serving.Timer;
import org.cnnserve.serving.Watchdog;
import org.bytedeco.javacpp.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a version's replicas on their devices and, once all are warm, its scheduler. Versions load
 * one after another, each measured by the resident memory it added ({@link LoadMemory}); a version
 * that fails does not hold up the next, and one that loads for longer than the head start has the
 * next one load beside it. A version not loaded within the load timeout is FAILED. Once serving, a
 * replica that leaves service makes the version DEGRADED, or FAILED when it was the last.
 */
final class VersionStarter {

    private static final Logger log = LoggerFactory.getLogger(VersionStarter.class);

    private final VersionLoader loader;
    private final RegistryProperties limits;
    private final ServingObserver observer;
    private final Ticker ticker;
    private final Timer timer;
    private CompletableFuture<Void> previousLoad = CompletableFuture.completedFuture(null); // guarded by this
    private volatile boolean closed;

    /**
     * @param ticker the clock of the schedulers' delays and deadlines, and of load times
     * @param limits the load timeout and head start
     * @param timer  wakes the schedulers, watches batches and loads; its owner closes it once the registry has stopped
     */
    VersionStarter(VersionLoader loader, RegistryProperties limits, ServingObserver observer, Ticker ticker,
                   Timer timer) {
        this.loader = loader;
        this.limits = limits;
        this.observer = observer;
        this.ticker = ticker;
        this.timer = timer;
    }

    /** CPU replicas share the cores: see {@link NativeThreads}. */
    void divideCpuThreads(List<ModelSlot> slots) {
        int cpuReplicas = 0;
        for (ModelSlot slot : slots) {
            for (VersionSlot version : slot.versions.values()) {
                cpuReplicas += (int) version.plan().replicas().stream().filter(d -> !d.isGpu()).count();
            }
        }
        if (cpuReplicas > 0) {
            int threads = NativeThreads.divideAmong(cpuReplicas);
            log.info("{} CPU replica(s) on {} core(s): {} native thread(s) each", cpuReplicas,
                    Runtime.getRuntime().availableProcessors(), threads);
        }
    }

    /**
     * Starts the version once the versions started before it are READY or FAILED, or have loaded for
     * longer than the head start; returns at once.
     */
    synchronized void start(ModelSlot slot, VersionSlot version) {
        previousLoad = previousLoad.handle((ok, error) -> null).thenCompose(ignored -> {
            if (closed) {
                version.failed("the service stopped before this version loaded", 0);
                return CompletableFuture.completedFuture(null);
            }
            try {
                return headStart(startNow(slot, version));
            } catch (RuntimeException e) {
                String why = reason(slot, e);
                version.failed(why, 0);
                log.error("model {} version {} FAILED: {}", slot.name, version.version, why);
                return CompletableFuture.completedFuture(null);
            }
        });
    }

    /** Completes when {@code load} does, or once it has had the loader to itself for the head start. */
    private CompletableFuture<Void> headStart(CompletableFuture<Void> load) {
        CompletableFuture<Void> next = new CompletableFuture<>();
        load.whenComplete((ok, error) -> next.complete(null));
        if (!next.isDone()) {
            try {
                Timer.Cancellable wait = timer.schedule(() -> {
                    if (next.complete(null)) {
                        log.warn("a version has loaded for {} and the next one starts beside it",
                                limits.loadHeadStart());
                    }
                }, limits.loadHeadStart().toNanos());
                next.whenComplete((ok, error) -> wait.cancel());
            } catch (RuntimeException e) { // a closed timer: the service is stopping, keep the plain order
                log.debug("no head-start timer", e);
            }
        }
        return next;
    }

    /** Versions not started yet never will be. */
    void close() {
        closed = true;
    }

    /** @return completes (never exceptionally) when the version is READY or FAILED */
    private CompletableFuture<Void> startNow(ModelSlot slot, VersionSlot version) {
        long residentBefore = Pointer.physicalBytes();
        ModelDefinition definition = version.definition;
        ModelConfig config = definition.config();
        List<Device> devices = version.plan().replicas();
        long started = ticker.nanos();
        float[] warmUp = new float[Math.toIntExact(config.input().elements())];
        Watchdog watchdog = new Watchdog(ticker, timer, version.plan().batchTimeout());
        List<ReplicaWorker> workers = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            String id = slot.name + ":" + version.version + "#" + i + "@" + devices.get(i);
            Device device = devices.get(i);
            workers.add(ReplicaWorker.start(id, device, loader.binding(definition, version.version), () -> {
                VersionLoader.Loaded loaded = loader.load(definition, version.version);
                version.loaded(loaded);
                return loaded.replica(config, device);
            }, warmUp, watchdog, observer.replicaListener(slot.name, version.version, i, device)));
        }
        version.starting(workers);
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicBoolean ended = new AtomicBoolean(); // the load's end or its timeout, whichever comes first
        Timer.Cancellable timeout = timer.schedule(() -> {
            if (ended.compareAndSet(false, true)) {
                long millis = TimeUnit.NANOSECONDS.toMillis(ticker.nanos() - started);
                version.failed("did not load within " + limits.loadTimeout() + "; its replica threads are abandoned",
                        millis);
                workers.forEach(w -> w.stop(Duration.ZERO));
                log.error("model {} version {} FAILED: not loaded within {}", slot.name, version.version,
                        limits.loadTimeout());
                done.complete(null);
            }
        }, limits.loadTimeout().toNanos());
        CompletableFuture.allOf(workers.stream().map(ReplicaWorker::ready).toArray(CompletableFuture[]::new))
                .handle((ok, error) -> {
                    if (!ended.compareAndSet(false, true)) {
                        workers.forEach(w -> w.stop(Duration.ZERO)); // late: the version has failed already
                        return null;
                    }
                    timeout.cancel();
                    settle(slot, version, workers, started, residentBefore, error);
                    done.complete(null);
                    return null;
                });
        return done;
    }

    private void settle(ModelSlot slot, VersionSlot version, List<ReplicaWorker> workers, long started,
                        long residentBefore, Throwable error) {
        long millis = TimeUnit.NANOSECONDS.toMillis(ticker.nanos() - started);
        version.measured(new LoadMemory(residentBefore, Pointer.physicalBytes()));
        if (error != null) {
            String why = reason(slot, error);
            version.failed(why, millis);
            workers.forEach(w -> w.stop(Duration.ZERO)); // none is running a batch
            log.error("model {} version {} FAILED: {}", slot.name, version.version, why);
            return;
        }
        ServingPlan plan = version.plan(); // capped by the load where the network fixes its batch
        var scheduler = new DynamicBatcher(slot.name + ":" + version.version, plan.policy(), workers,
                ticker, timer, observer.batchListener(slot.name, version.version));
        version.ready(scheduler, millis);
        observer.schedulerStarted(slot.name, version.version, scheduler);
        for (ReplicaWorker worker : workers) {
            worker.retired().thenAccept(why -> {
                version.replicaLost(Reasons.relative(why, root(slot)));
                VersionStatus now = version.status();
                log.error("model {} version {} is {}: {}", slot.name, version.version, now.state(), now.reason());
            });
        }
        log.info("model {} version {} READY in {} ms: {} replica(s) on {}, {} engine, {} ({} weights)",
                slot.name, version.version, millis, workers.size(), plan.replicas(),
                version.status().engine(), plan.policy(), version.weights());
    }

    private static Path root(ModelSlot slot) {
        ModelDefinition definition = slot.definition();
        return definition == null ? null : definition.directory().getParent();
    }

    /** The failure's root message, with paths relative to the model repository. */
    private static String reason(ModelSlot slot, Throwable error) {
        return Reasons.relative(rootMessage(error), root(slot));
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t.getMessage() == null) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getName() : t.getMessage();
    }
}
