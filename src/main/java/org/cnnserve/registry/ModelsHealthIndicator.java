package org.cnnserve.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Readiness of the served models: each model's versions and their states in the details. Under
 * strict readiness the service is ready only when every model is READY (Triton's default); otherwise
 * it is ready once nothing is LOADING and at least one model is READY. A DEGRADED model (serving on
 * fewer replicas than it started with) counts as serving; its details carry the reason. Models unloaded
 * through the repository API (UNAVAILABLE) are listed but count for neither.
 */
class ModelsHealthIndicator implements HealthIndicator {

    private final ModelRegistry registry;

    ModelsHealthIndicator(ModelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Health health() {
        List<ModelStatus> all = registry.models();
        // A model unloaded through the repository API was taken out on purpose: it holds nothing up.
        List<ModelStatus> models = all.stream().filter(m -> m.state() != ModelState.UNAVAILABLE).toList();
        Map<String, Object> details = new LinkedHashMap<>();
        for (ModelStatus m : all) {
            Map<String, Object> versions = new LinkedHashMap<>();
            m.versions().forEach(v -> versions.put(Integer.toString(v.version()), v.state()));
            details.put(m.name(), m.reason() == null ? versions : Map.of("versions", versions, "reason", m.reason()));
        }
        boolean allReady = !models.isEmpty() && models.stream().allMatch(m -> m.state().serving());
        boolean anyLoading = models.stream().anyMatch(m -> m.state() == ModelState.LOADING);
        boolean anyReady = models.stream().anyMatch(m -> m.state().serving());
        boolean ready = registry.strictReadiness() ? allReady : !anyLoading && anyReady;
        return Health.status(ready ? Status.UP : Status.OUT_OF_SERVICE).withDetails(details).build();
    }
}
