package org.cnnserve.registry;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One model folder in the registry: the versions it serves, the versions it keeps beside them (a
 * reload's new versions while they load, a reload that failed, versions draining or unloaded), and
 * the reason when the folder could not be read.
 *
 * <p>The maps are immutable snapshots replaced whole, so that the request path reads them without a
 * lock; they are replaced only by the model's operations, which run one after another.
 */
final class ModelSlot {

    /** The reason a model or version is UNAVAILABLE. */
    static final String UNLOADED = "unloaded";

    final String name;
    private volatile ModelDefinition definition;
    private volatile String reason;
    /** The versions requests are routed to, ascending: the last is the default. */
    volatile Map<Integer, VersionSlot> versions;
    private volatile Map<Integer, VersionSlot> beside = Map.of();
    private CompletableFuture<?> operations = CompletableFuture.completedFuture(null); // guarded by this

    private ModelSlot(String name, ModelDefinition definition, String reason, Map<Integer, VersionSlot> versions) {
        this.name = name;
        this.definition = definition;
        this.reason = reason;
        this.versions = versions;
    }

    /** The versions the definition's policy selects, each served by {@code plan}. */
    static ModelSlot of(ModelDefinition d, ServingPlan plan) {
        Map<Integer, VersionSlot> versions = new TreeMap<>();
        d.versionsToLoad().forEach(v -> versions.put(v, new VersionSlot(v, d, plan)));
        return new ModelSlot(d.name(), d, null, Collections.unmodifiableMap(versions));
    }

    static ModelSlot failed(String name, ModelDefinition d, String reason) {
        return new ModelSlot(name, d, reason, Map.of());
    }

    /** A model the repository has but the registry has not loaded yet. */
    static ModelSlot unloaded(String name) {
        return new ModelSlot(name, null, null, Map.of());
    }

    /** The model folder as last read; {@code null} when it could not be read. */
    ModelDefinition definition() {
        return definition;
    }

    String reason() {
        return reason;
    }

    /**
     * Runs {@code operation} once the model's earlier operations have ended, however they ended:
     * loads and unloads of one model never overlap.
     */
    synchronized <T> CompletableFuture<T> enqueue(Supplier<CompletableFuture<T>> operation) {
        CompletableFuture<T> next = operations.handle((ok, error) -> null).thenCompose(ignored -> {
            try {
                return operation.get();
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
        operations = next;
        return next;
    }

    /** Called by the model's operations only. */
    void reread(ModelDefinition definition, String reason) {
        this.definition = definition;
        this.reason = reason;
    }

    /** Called by the model's operations only: the served versions and those beside them, replaced at once. */
    void route(Map<Integer, VersionSlot> served, Map<Integer, VersionSlot> besides) {
        Map<Integer, VersionSlot> b = new TreeMap<>(besides);
        served.keySet().forEach(b::remove);
        this.beside = Collections.unmodifiableMap(b);
        this.versions = Collections.unmodifiableMap(new TreeMap<>(served));
    }

    Map<Integer, VersionSlot> beside() {
        return beside;
    }

    /**
     * The highest version served, which requests without a number go to. A reload adds a version to
     * the served ones only once it is READY, so this switches to a new version when it can answer.
     */
    VersionSlot defaultVersion() {
        return highest(versions);
    }

    static VersionSlot highest(Map<Integer, VersionSlot> served) {
        return served.values().stream().reduce((a, b) -> b).orElseThrow();
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
        ModelDefinition d = definition;
        ModelState state = def != null ? def.state() : reason != null ? ModelState.FAILED : ModelState.UNAVAILABLE;
        String why = def != null ? def.reason() : reason != null ? reason : UNLOADED;
        ModelConfig c = d == null ? null : d.config();
        return new ModelStatus(name, state, why, c == null ? null : c.description(),
                c == null ? null : c.architecture(), c == null ? null : c.input(),
                c == null ? 0 : c.classes(), def == null ? null : def.version(), vs);
    }
}
