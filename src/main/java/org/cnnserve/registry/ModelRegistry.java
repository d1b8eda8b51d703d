package org.cnnserve.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.cnnserve.serving.ServingProperties;
import org.cnnserve.serving.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The models the service serves. At start it reads the repository and starts each selected
 * version's replicas; each replica loads its weights and warms up on its own thread, so start-up
 * does not wait for them and a failed load leaves the other models untouched.
 *
 * <p>Shutdown has two steps: {@link #beginShutdown()} (when the context starts closing) stops every
 * scheduler admitting, so new requests get 503 while accepted ones finish; {@link #stop()} (after
 * the web server has finished its requests) waits for the drain and ends the worker threads. The
 * schedulers' timer belongs to whoever made it, and is closed by them after this has stopped.
 */
public class ModelRegistry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

    private final RegistryProperties properties;
    private final ServingProperties serving;
    private final ModelRepository repository;
    private final VersionStarter starter;
    private final Ticker ticker;
    private final Map<String, ModelSlot> models = new ConcurrentHashMap<>();
    private volatile boolean running;

    /**
     * @param properties which of the repository's models to serve
     * @param starter    starts each version's replicas and scheduler
     * @param ticker     the clock of request deadlines: the one {@code starter}'s schedulers run on
     */
    ModelRegistry(RegistryProperties properties, ServingProperties serving, ModelRepository repository,
                  VersionStarter starter, Ticker ticker) {
        this.properties = properties;
        this.serving = serving;
        this.repository = repository;
        this.starter = starter;
        this.ticker = ticker;
    }

    @Override
    public void start() {
        List<String> names = properties.models().isEmpty() ? repository.modelNames() : properties.models();
        log.info("loading {} model(s) from {}: {}", names.size(), repository.root(), names);
        List<ModelSlot> slots = new ArrayList<>();
        for (String name : names) {
            ModelSlot slot = open(name);
            models.put(name, slot);
            slots.add(slot);
        }
        starter.divideCpuThreads(slots);
        slots.forEach(slot -> slot.versions.values().forEach(v -> starter.start(slot, v)));
        running = true;
    }

    private ModelSlot open(String name) {
        try {
            ModelDefinition definition = repository.read(name);
            if (definition.versions().isEmpty()) {
                return ModelSlot.failed(name, definition, "no version folders (1/, 2/, ...) in "
                        + Reasons.relative(definition.directory().toString(), repository.root()));
            }
            // Once per model: its versions share the config. Bad batching values fail here, before anything loads.
            return ModelSlot.of(definition, ServingPlan.of(definition.config(), serving));
        } catch (RuntimeException e) {
            String why = Reasons.relative(e.getMessage(), repository.root());
            log.error("model {} cannot be read: {}", name, why);
            return ModelSlot.failed(name, null, why);
        }
    }

    /**
     * The READY (or DEGRADED) version to serve.
     *
     * @param version a version number, or {@code null} for the default (highest loaded) version
     */
    public ServedModel require(String model, String version) {
        ModelSlot slot = models.get(model);
        if (slot == null) {
            throw new UnknownModelException(model);
        }
        if (slot.definition == null || slot.versions.isEmpty()) {
            throw new ModelNotReadyException(model, 0, ModelState.FAILED, slot.reason);
        }
        VersionSlot v = version == null ? slot.defaultVersion() : slot.find(version)
                .orElseThrow(() -> new UnknownVersionException(model, version, List.copyOf(slot.versions.keySet())));
        if (!v.state().serving()) {
            throw new ModelNotReadyException(model, v.version, v.state(), v.reason());
        }
        return new ServedModel(model, v.version, slot.definition, v.weights(), v.scheduler(), v.plan(), ticker);
    }

    /** The model's configuration; empty for an unknown model or a folder that could not be read. */
    public Optional<ModelConfig> config(String model) {
        return Optional.ofNullable(models.get(model)).map(s -> s.definition).map(ModelDefinition::config);
    }

    /** Where the model repository lies. */
    public java.nio.file.Path repository() {
        return repository.root();
    }

    public List<ModelStatus> models() {
        return models.values().stream().map(ModelSlot::status).sorted(Comparator.comparing(ModelStatus::name)).toList();
    }

    public Optional<ModelStatus> model(String name) {
        return Optional.ofNullable(models.get(name)).map(ModelSlot::status);
    }

    /**
     * Completes with the version's status once its load has ended (READY, FAILED, or UNLOADING when the
     * service began stopping while it loaded); empty for an unknown model or a version it does not load.
     */
    public Optional<CompletableFuture<VersionStatus>> settled(String model, int version) {
        return Optional.ofNullable(models.get(model)).map(s -> s.versions.get(version)).map(VersionSlot::settled);
    }

    /** One loaded version's status; empty for an unknown model or a version it does not load. */
    public Optional<VersionStatus> version(String model, int version) {
        return Optional.ofNullable(models.get(model)).map(s -> s.versions.get(version)).map(VersionSlot::status);
    }

    public boolean strictReadiness() {
        return properties.strictReadiness();
    }

    /** Every version stops admitting (503) and drains what it accepted. Idempotent. */
    public void beginShutdown() {
        starter.close();
        for (ModelSlot slot : models.values()) {
            for (VersionSlot v : slot.versions.values()) {
                v.unloading();
                if (v.scheduler() != null) {
                    v.scheduler().stop();
                }
            }
        }
    }

    @Override
    public void stop() {
        beginShutdown();
        List<CompletableFuture<Void>> drains = new ArrayList<>();
        models.values().forEach(s -> s.versions.values().stream().filter(v -> v.scheduler() != null)
                .forEach(v -> drains.add(v.scheduler().stop())));
        try {
            CompletableFuture.allOf(drains.toArray(CompletableFuture[]::new))
                    .get(serving.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("requests still running after the drain timeout of {}", serving.drainTimeout());
        } catch (Exception e) {
            log.warn("drain ended with {}", e.toString());
        }
        models.values().forEach(s -> s.versions.values().forEach(v -> v.workers()
                .forEach(w -> w.stop(serving.drainTimeout()))));
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server has finished its in-flight requests (its phases are higher). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
