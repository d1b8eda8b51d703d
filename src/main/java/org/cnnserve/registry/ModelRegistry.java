package org.cnnserve.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.serving.GraphModel;
import org.cnnserve.serving.ModelWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The models the service serves. At start it reads the repository and starts one worker per
 * selected version; each worker loads its weights and warms up on its own thread, so start-up does
 * not wait for them and a failed load leaves the other models untouched.
 */
public class ModelRegistry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

    private final RegistryProperties properties;
    private final ModelRepository repository;
    private final GraphLoader loader;
    private final Map<String, ModelSlot> models = new ConcurrentHashMap<>();
    private volatile boolean running;

    public ModelRegistry(RegistryProperties properties, ArchitectureCatalog catalog) {
        this.properties = properties;
        this.repository = new ModelRepository(properties.repository());
        this.loader = new GraphLoader(catalog);
    }

    @Override
    public void start() {
        List<String> names = properties.models().isEmpty() ? repository.modelNames() : properties.models();
        log.info("loading {} model(s) from {}: {}", names.size(), repository.root(), names);
        for (String name : names) {
            ModelSlot slot = open(name);
            models.put(name, slot);
            slot.versions.values().forEach(v -> startVersion(slot, v));
        }
        running = true;
    }

    private ModelSlot open(String name) {
        try {
            ModelDefinition definition = repository.read(name);
            if (definition.versions().isEmpty()) {
                return ModelSlot.failed(name, definition, "no version folders (1/, 2/, ...) in " + definition.directory());
            }
            return ModelSlot.of(definition);
        } catch (RuntimeException e) {
            log.error("model {} cannot be read: {}", name, e.getMessage());
            return ModelSlot.failed(name, null, e.getMessage());
        }
    }

    private void startVersion(ModelSlot slot, VersionSlot version) {
        ModelDefinition definition = slot.definition;
        ModelConfig config = definition.config();
        long started = System.nanoTime();
        ModelWorker worker = ModelWorker.start(slot.name + ":" + version.version, properties.queueCapacity(), () -> {
            GraphLoader.Loaded loaded = loader.load(definition, version.version);
            version.loaded(loaded);
            return new GraphModel(loaded.graph(), config.input(), config.classes());
        }, new float[Math.toIntExact(config.input().elements())]);
        version.starting(worker);
        worker.ready().whenComplete((ok, error) -> {
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (error == null) {
                version.ready(millis);
                log.info("model {} version {} READY in {} ms ({} weights)", slot.name, version.version, millis,
                        version.weights());
            } else {
                String why = rootMessage(error);
                version.failed(why, millis);
                log.error("model {} version {} FAILED: {}", slot.name, version.version, why);
            }
        });
    }

    /**
     * The READY version to serve.
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
        if (v.state() != ModelState.READY) {
            throw new ModelNotReadyException(model, v.version, v.state(), v.reason());
        }
        ModelDefinition d = slot.definition;
        return new ServedModel(model, v.version, d.config(), d.labels(), v.weights(), v.worker());
    }

    public List<ModelStatus> models() {
        return models.values().stream().map(ModelSlot::status)
                .sorted(java.util.Comparator.comparing(ModelStatus::name)).toList();
    }

    public Optional<ModelStatus> model(String name) {
        return Optional.ofNullable(models.get(name)).map(ModelSlot::status);
    }

    public RegistryProperties properties() {
        return properties;
    }

    @Override
    public void stop() {
        running = false;
        Collection<ModelSlot> slots = new ArrayList<>(models.values());
        slots.forEach(s -> s.versions.values().forEach(VersionSlot::unloading));
        for (ModelSlot slot : slots) {
            for (VersionSlot v : slot.versions.values()) {
                if (v.worker() != null) {
                    v.worker().stop(properties.drainTimeout());
                }
            }
        }
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

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while ((t instanceof java.util.concurrent.CompletionException || t.getMessage() == null) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getName() : t.getMessage();
    }

    /** One model folder and its loaded versions. */
    private static final class ModelSlot {
        final String name;
        final ModelDefinition definition;
        final String reason;
        final Map<Integer, VersionSlot> versions;

        private ModelSlot(String name, ModelDefinition definition, String reason, Map<Integer, VersionSlot> versions) {
            this.name = name;
            this.definition = definition;
            this.reason = reason;
            this.versions = versions;
        }

        static ModelSlot of(ModelDefinition d) {
            Map<Integer, VersionSlot> versions = new LinkedHashMap<>();
            d.versionsToLoad().forEach(v -> versions.put(v, new VersionSlot(v)));
            return new ModelSlot(d.name(), d, null, versions);
        }

        static ModelSlot failed(String name, ModelDefinition d, String reason) {
            return new ModelSlot(name, d, reason, Map.of());
        }

        VersionSlot defaultVersion() {
            return versions.values().stream().reduce((a, b) -> b).orElseThrow();
        }

        Optional<VersionSlot> find(String version) {
            try {
                return Optional.ofNullable(versions.get(Integer.valueOf(version)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        ModelStatus status() {
            List<VersionStatus> vs = versions.values().stream().map(VersionSlot::status).toList();
            VersionStatus def = vs.isEmpty() ? null : vs.get(vs.size() - 1);
            ModelState state = def == null ? ModelState.FAILED : def.state();
            String why = def == null ? reason : def.reason();
            ModelConfig c = definition == null ? null : definition.config();
            return new ModelStatus(name, state, why, c == null ? null : c.description(),
                    c == null ? null : c.architecture(), c == null ? null : c.input(),
                    c == null ? 0 : c.classes(), def == null ? null : def.version(), vs);
        }
    }
}
