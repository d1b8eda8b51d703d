package org.cnnserve.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One model folder in the registry and its loaded versions, or the reason it could not be read. */
final class ModelSlot {

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

    /** The versions the definition's policy selects, each served by {@code plan}. */
    static ModelSlot of(ModelDefinition d, ServingPlan plan) {
        Map<Integer, VersionSlot> versions = new LinkedHashMap<>();
        d.versionsToLoad().forEach(v -> versions.put(v, new VersionSlot(v, plan)));
        return new ModelSlot(d.name(), d, null, versions);
    }

    static ModelSlot failed(String name, ModelDefinition d, String reason) {
        return new ModelSlot(name, d, reason, Map.of());
    }

    /** The highest loaded version. */
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
