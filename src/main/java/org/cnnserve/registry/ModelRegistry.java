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
    private final ModelOperations operations;
    private final Ticker ticker;
    private final Map<String, ModelSlot> models = new ConcurrentHashMap<>();
    private volatile boolean running;

    /**
     * @param properties which of the repository's models to serve
     * @param starter    starts each version's replicas and scheduler
     * @param retirer    drains and releases the versions an unload or a reload takes out of service
     * @param ticker     the clock of request deadlines: the one {@code starter}'s schedulers run on
     */
    ModelRegistry(RegistryProperties properties, ServingProperties serving, ModelRepository repository,
                  VersionStarter starter, VersionRetirer retirer, Ticker ticker) {
        this.properties = properties;
        this.serving = serving;
        this.repository = repository;
        this.starter = starter;
        this.ticker = ticker;
        this.operations = new ModelOperations(models, repository, serving, starter, retirer);
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
     * @param version a version number, or {@code null} for the default (highest served) version
     * @throws ModelNotReadyException for a version that is loading, failed, draining or unloaded (HTTP 503)
     */
    public ServedModel require(String model, String version) {
        ModelSlot slot = models.get(model);
        if (slot == null) {
            throw new UnknownModelException(model);
        }
        Map<Integer, VersionSlot> served = slot.versions;
        VersionSlot v;
        if (version != null) {
            v = slot.find(version).or(() -> besideVersion(slot, version))
                    .orElseThrow(() -> new UnknownVersionException(model, version, List.copyOf(served.keySet())));
        } else if (served.isEmpty()) {
            ModelStatus status = slot.status();
            throw new ModelNotReadyException(model, 0, status.state(), status.reason());
        } else {
            v = ModelSlot.highest(served); // the snapshot checked above: an unload may empty the slot meanwhile
        }
        if (!v.state().serving()) {
            throw new ModelNotReadyException(model, v.version, v.state(), v.reason());
        }
        return new ServedModel(model, v.version, v.definition, v.weights(), v.scheduler(), v.plan(), ticker);
    }

    /**
     * A version the model does not serve but knows: loading for a reload, draining or unloaded; never
     * one that serves (READY or DEGRADED) before the reload switches to it.
     */
    private static Optional<VersionSlot> besideVersion(ModelSlot slot, String version) {
        try {
            return Optional.ofNullable(slot.beside().get(Integer.valueOf(version)))
                    .filter(v -> !v.state().serving());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The model's configuration; empty for an unknown model or a folder that could not be read. */
    public Optional<ModelConfig> config(String model) {
        return Optional.ofNullable(models.get(model)).map(ModelSlot::definition).map(ModelDefinition::config);
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

    /**
     * Re-reads the model's folder and loads what its version policy selects: a version folder that
     * appeared, or every selected version again when its configuration or labels changed. New versions
     * load beside the served ones; once they are READY requests switch to them, and then the versions no
     * longer selected drain and are released. Loads and unloads of one model run one after another.
     *
     * @return completes with the model's status once the switch is made, or exceptionally with
     * {@link LoadFailedException} when a selected version failed (what served before still serves)
     * @throws UnknownModelException when the repository has no such model folder
     */
    public CompletableFuture<ModelStatus> load(String model) {
        return operations.load(model);
    }

    /**
     * Takes the model's served versions, or one of them, out of service: new requests for it get
     * {@link ModelNotReadyException} (503) while the requests it accepted finish; then its replicas are released.
     *
     * @param version a version number, or {@code null} for every served version
     * @return completes with the model's status once the versions are released
     * @throws UnknownModelException   for a model the registry does not know
     * @throws UnknownVersionException for a version it does not serve
     */
    public CompletableFuture<ModelStatus> unload(String model, String version) {
        return operations.unload(model, version);
    }

    /**
     * Every model folder the repository holds and every model the registry knows, with each version
     * served, loading, draining or unloaded, and each version folder on disk; sorted by name and version.
     */
    public List<IndexEntry> index() {
        return operations.index();
    }

    /** Every version stops admitting (503) and drains what it accepted. Idempotent. */
    public void beginShutdown() {
        starter.close();
        for (ModelSlot slot : models.values()) {
            for (VersionSlot v : allVersions(slot)) {
                v.unloading();
                if (v.scheduler() != null) {
                    v.scheduler().stop();
                }
            }
        }
    }

    /** The versions served and those beside them: loading for a reload, draining, unloaded. */
    private static List<VersionSlot> allVersions(ModelSlot slot) {
        List<VersionSlot> all = new ArrayList<>(slot.versions.values());
        all.addAll(slot.beside().values());
        return all;
    }

    @Override
    public void stop() {
        beginShutdown();
        List<CompletableFuture<Void>> drains = new ArrayList<>();
        models.values().forEach(s -> allVersions(s).stream().filter(v -> v.scheduler() != null)
                .forEach(v -> drains.add(v.scheduler().stop())));
        try {
            CompletableFuture.allOf(drains.toArray(CompletableFuture[]::new))
                    .get(serving.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("requests still running after the drain timeout of {}", serving.drainTimeout());
        } catch (Exception e) {
            log.warn("drain ended with {}", e.toString());
        }
        models.values().forEach(s -> allVersions(s).forEach(v -> v.workers()
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
