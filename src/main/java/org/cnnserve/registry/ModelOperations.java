package org.cnnserve.registry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.cnnserve.serving.ServingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The repository API's operations on the registry's models: load (and reload), unload, index. Each
 * model's operations run one after another ({@link ModelSlot#enqueue}); requests read the model's
 * served versions without waiting for them.
 */
final class ModelOperations {

    private static final Logger log = LoggerFactory.getLogger(ModelOperations.class);
    private static final String NOT_LOADED = "not loaded";

    private final Map<String, ModelSlot> models;
    private final ModelRepository repository;
    private final ServingProperties serving;
    private final VersionStarter starter;
    private final VersionRetirer retirer;

    ModelOperations(Map<String, ModelSlot> models, ModelRepository repository, ServingProperties serving,
                    VersionStarter starter, VersionRetirer retirer) {
        this.models = models;
        this.repository = repository;
        this.serving = serving;
        this.starter = starter;
        this.retirer = retirer;
    }

    CompletableFuture<ModelStatus> load(String model) {
        // Only a folder the repository lists: a name never becomes a path outside it.
        if (!models.containsKey(model) && !repository.modelNames().contains(model)) {
            throw new UnknownModelException(model);
        }
        ModelSlot slot = models.computeIfAbsent(model, ModelSlot::unloaded);
        return slot.enqueue(() -> reload(slot));
    }

    private CompletableFuture<ModelStatus> reload(ModelSlot slot) {
        ModelDefinition definition;
        ServingPlan plan;
        try {
            definition = repository.read(slot.name);
            if (definition.versions().isEmpty()) {
                throw new ModelRepositoryException("no version folders (1/, 2/, ...) in "
                        + Reasons.relative(definition.directory().toString(), repository.root()));
            }
            plan = ServingPlan.of(definition.config(), serving);
        } catch (RuntimeException e) {
            String why = Reasons.relative(e.getMessage(), repository.root());
            if (slot.versions.isEmpty()) {
                slot.reread(slot.definition(), why);
            }
            return CompletableFuture.failedFuture(new LoadFailedException(slot.name, why));
        }
        Map<Integer, VersionSlot> served = slot.versions;
        List<VersionSlot> started = new ArrayList<>();
        List<CompletableFuture<VersionStatus>> settling = new ArrayList<>();
        for (int v : definition.versionsToLoad()) {
            VersionSlot current = served.get(v);
            if (current != null && reusable(current) && sameModel(current.definition, definition)) {
                settling.add(current.settled()); // loaded, or still loading since start-up
            } else {
                VersionSlot fresh = new VersionSlot(v, definition, plan);
                started.add(fresh);
                settling.add(fresh.settled());
            }
        }
        Map<Integer, VersionSlot> beside = new TreeMap<>(slot.beside());
        started.forEach(fresh -> beside.put(fresh.version, fresh));
        slot.route(served, beside);
        log.info("model {}: loading version(s) {} beside the served {}", slot.name,
                started.stream().map(v -> v.version).toList(), served.keySet());
        started.forEach(fresh -> starter.start(slot, fresh));
        return CompletableFuture.allOf(settling.toArray(CompletableFuture[]::new))
                .thenCompose(ignored -> switchTo(slot, definition, started));
    }

    /**
     * A served version that is loaded or loading on all its replicas. A FAILED one loads again, and so
     * does a DEGRADED one (a replica left service): a load is how it gets its replicas back, while it
     * serves on until the new one is READY.
     */
    private static boolean reusable(VersionSlot current) {
        return current.state() != ModelState.FAILED && current.state() != ModelState.DEGRADED;
    }

    /** The same configuration and labels: a version loaded from them need not load again. */
    private static boolean sameModel(ModelDefinition a, ModelDefinition b) {
        return a != null && a.config().equals(b.config()) && a.labels().equals(b.labels());
    }

    /**
     * Routes requests to the newly READY versions, then retires the ones they replace. A version whose
     * reload failed keeps serving its loaded predecessor; versions no longer selected are retired only
     * when the model has a READY version left. Completes once the retired versions are released.
     */
    private CompletableFuture<ModelStatus> switchTo(ModelSlot slot, ModelDefinition definition, List<VersionSlot> started) {
        Map<Integer, VersionSlot> old = slot.versions;
        Map<Integer, VersionSlot> fresh = new TreeMap<>();
        started.forEach(v -> fresh.put(v.version, v));
        Map<Integer, VersionSlot> next = new TreeMap<>();
        Set<Integer> wanted = new HashSet<>(definition.versionsToLoad());
        for (int v : definition.versionsToLoad()) {
            VersionSlot loaded = fresh.get(v);
            VersionSlot current = old.get(v);
            if (loaded == null || !loaded.state().serving() && current != null) {
                next.put(v, current); // unchanged, or its reload failed and the loaded one serves on
            } else if (loaded.state().serving()) {
                next.put(v, loaded);
            }
        }
        boolean anyReady = next.values().stream().anyMatch(v -> v.state().serving());
        List<VersionSlot> retiring = new ArrayList<>();
        old.forEach((v, current) -> {
            if (next.get(v) == current) {
                return;
            }
            if (!wanted.contains(v) && !anyReady) {
                next.put(v, current);
            } else {
                retiring.add(current);
            }
        });
        if (next.isEmpty()) {
            started.forEach(v -> next.put(v.version, v)); // nothing else to serve: the failures show, as at start-up
        }
        Map<Integer, VersionSlot> beside = new TreeMap<>(slot.beside());
        started.stream().filter(v -> next.get(v.version) != v).forEach(v -> beside.put(v.version, v));
        retiring.forEach(v -> beside.put(v.version, v));
        slot.reread(definition, null);
        slot.route(next, beside);
        log.info("model {}: serving version(s) {}; retiring {}", slot.name, next.keySet(),
                retiring.stream().map(v -> v.version).toList());
        List<String> failures = started.stream().filter(v -> !v.state().serving())
                .map(v -> "version " + v.version + " is " + v.state() + (v.reason() == null ? "" : ": " + v.reason()))
                .toList();
        return retireAll(slot.name, retiring).thenApply(ignored -> {
            if (!failures.isEmpty()) {
                throw new LoadFailedException(slot.name, String.join("; ", failures));
            }
            return slot.status();
        });
    }

    private CompletableFuture<Void> retireAll(String model, List<VersionSlot> versions) {
        return CompletableFuture.allOf(versions.stream().map(v -> retirer.retire(model, v))
                .toArray(CompletableFuture[]::new));
    }

    CompletableFuture<ModelStatus> unload(String model, String version) {
        ModelSlot slot = models.get(model);
        if (slot == null) {
            throw new UnknownModelException(model);
        }
        return slot.enqueue(() -> {
            Map<Integer, VersionSlot> served = slot.versions;
            List<VersionSlot> leaving = version == null ? List.copyOf(served.values())
                    : List.of(slot.find(version).orElseThrow(() -> new UnknownVersionException(model, version,
                    List.copyOf(served.keySet()))));
            Map<Integer, VersionSlot> next = new TreeMap<>(served);
            Map<Integer, VersionSlot> beside = new TreeMap<>(slot.beside());
            leaving.forEach(v -> {
                next.remove(v.version);
                beside.put(v.version, v);
            });
            slot.route(next, beside);
            log.info("model {}: unloading version(s) {}", model, leaving.stream().map(v -> v.version).toList());
            return retireAll(model, leaving).thenApply(ignored -> slot.status());
        });
    }

    List<IndexEntry> index() {
        SortedSet<String> names = new TreeSet<>(models.keySet());
        names.addAll(repository.modelNames());
        List<IndexEntry> entries = new ArrayList<>();
        for (String name : names) {
            ModelSlot slot = models.get(name);
            Map<Integer, IndexEntry> versions = new TreeMap<>();
            repository.versionFolders(name).forEach(v -> versions.put(v,
                    new IndexEntry(name, v, ModelState.UNAVAILABLE, NOT_LOADED)));
            if (slot != null) {
                slot.beside().values().forEach(v -> versions.put(v.version, entry(name, v)));
                slot.versions.values().forEach(v -> versions.put(v.version, entry(name, v)));
            }
            if (versions.isEmpty()) {
                ModelStatus status = slot == null ? null : slot.status();
                entries.add(status == null ? new IndexEntry(name, null, ModelState.UNAVAILABLE, NOT_LOADED)
                        : new IndexEntry(name, null, status.state(), status.reason()));
            }
            entries.addAll(versions.values());
        }
        return entries;
    }

    private static IndexEntry entry(String name, VersionSlot v) {
        return new IndexEntry(name, v.version, v.state(), v.reason());
    }
}
