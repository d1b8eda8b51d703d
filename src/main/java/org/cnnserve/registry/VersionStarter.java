package org.cnnserve.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.cnnserve.serving.Device;
import org.cnnserve.serving.DynamicBatcher;
import org.cnnserve.engine.NativeThreads;
import org.cnnserve.serving.ReplicaWorker;
import org.cnnserve.serving.ServingObserver;
import org.cnnserve.serving.ServingProperties;
import org.cnnserve.serving.Ticker;
import org.cnnserve.serving.Timer;
import org.bytedeco.javacpp.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a version's replicas on their devices and, once all are warm, its scheduler. Versions load
 * one after another, each measured by the resident memory it added ({@link LoadMemory}); a version
 * that fails does not hold up the next.
 */
final class VersionStarter {

    private static final Logger log = LoggerFactory.getLogger(VersionStarter.class);

    private final VersionLoader loader;
    private final ServingProperties serving;
    private final ServingObserver observer;
    private final Ticker ticker;
    private final Timer timer;
    private CompletableFuture<Void> previousLoad = CompletableFuture.completedFuture(null); // guarded by this
    private volatile boolean closed;

    /**
     * @param ticker the clock of the schedulers' delays and deadlines, and of load times
     * @param timer  wakes the schedulers; its owner closes it once the registry has stopped
     */
    VersionStarter(VersionLoader loader, ServingProperties serving, ServingObserver observer, Ticker ticker, Timer timer) {
        this.loader = loader;
        this.serving = serving;
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

    /** Starts the version once the versions started before it are READY or FAILED; returns at once. */
    synchronized void start(ModelSlot slot, VersionSlot version) {
        previousLoad = previousLoad.handle((ok, error) -> null).thenCompose(ignored -> {
            if (closed) {
                version.failed("the service stopped before this version loaded", 0);
                return CompletableFuture.completedFuture(null);
            }
            try {
                return startNow(slot, version);
            } catch (RuntimeException e) {
                version.failed(rootMessage(e), 0);
                log.error("model {} version {} FAILED: {}", slot.name, version.version, rootMessage(e));
                return CompletableFuture.completedFuture(null);
            }
        });
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
        List<ReplicaWorker> workers = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            String id = slot.name + ":" + version.version + "#" + i + "@" + devices.get(i);
            Device device = devices.get(i);
            workers.add(ReplicaWorker.start(id, device, loader.binding(definition, version.version), () -> {
                VersionLoader.Loaded loaded = loader.load(definition, version.version);
                version.loaded(loaded);
                return loaded.replica(config, device);
            }, warmUp));
        }
        version.starting(workers);
        return CompletableFuture.allOf(workers.stream().map(ReplicaWorker::ready).toArray(CompletableFuture[]::new))
                .handle((ok, error) -> {
                    long millis = TimeUnit.NANOSECONDS.toMillis(ticker.nanos() - started);
                    version.measured(new LoadMemory(residentBefore, Pointer.physicalBytes()));
                    if (error == null) {
                        ServingPlan plan = version.plan(); // capped by the load where the network fixes its batch
                        var scheduler = new DynamicBatcher(slot.name + ":" + version.version, plan.policy(), workers,
                                ticker, timer, observer.batchListener(slot.name, version.version));
                        version.ready(scheduler, millis);
                        observer.schedulerStarted(slot.name, version.version, scheduler);
                        log.info("model {} version {} READY in {} ms: {} replica(s) on {}, {} engine, {} ({} weights)",
                                slot.name, version.version, millis, workers.size(), devices,
                                version.status().engine(), plan.policy(), version.weights());
                    } else {
                        String why = rootMessage(error);
                        version.failed(why, millis);
                        workers.forEach(w -> w.stop(serving.drainTimeout()));
                        log.error("model {} version {} FAILED: {}", slot.name, version.version, why);
                    }
                    return null;
                });
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t.getMessage() == null) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getName() : t.getMessage();
    }
}
