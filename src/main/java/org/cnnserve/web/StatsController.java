package org.cnnserve.web;

import static org.cnnserve.web.ProblemType.NOT_ACCEPTABLE;
import static org.cnnserve.web.ProblemType.UNKNOWN_MODEL;
import static org.cnnserve.web.ProblemType.UNKNOWN_VERSION;

import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.List;
import org.cnnserve.metrics.ServingStats;
import org.cnnserve.metrics.VersionStats;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.registry.ModelStatus;
import org.cnnserve.registry.UnknownModelException;
import org.cnnserve.registry.UnknownVersionException;
import org.cnnserve.registry.VersionStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/stats} and {@code GET /v1/models/{model}/versions/{version}/stats}: latency and
 * throughput of each version from the live meters, as JSON, for the page and for anyone without a
 * Prometheus at hand.
 */
@RestController
class StatsController {

    private final ModelRegistry registry;
    private final ServingStats stats;

    StatsController(ModelRegistry registry, ServingStats stats) {
        this.registry = registry;
        this.stats = stats;
    }

    @Operation(summary = "Serving statistics of every version", description = "Per model version: requests "
            + "answered, p50 and p99 latency, forward-pass time, mean batch size and throughput since the "
            + "service started.")
    @Problems(NOT_ACCEPTABLE)
    @GetMapping("/v1/stats")
    Stats all() {
        List<VersionStats> versions = new ArrayList<>();
        for (ModelStatus model : registry.models()) {
            for (VersionStatus version : model.versions()) {
                versions.add(stats.of(model.name(), version.version()));
            }
        }
        return new Stats(versions);
    }

    @Operation(summary = "Serving statistics of one version")
    @Problems({UNKNOWN_MODEL, UNKNOWN_VERSION, NOT_ACCEPTABLE})
    @GetMapping("/v1/models/{model}/versions/{version}/stats")
    VersionStats one(@PathVariable String model, @PathVariable String version) {
        ModelStatus status = registry.model(model).orElseThrow(() -> new UnknownModelException(model));
        List<Integer> known = status.versions().stream().map(VersionStatus::version).toList();
        return known.stream().filter(v -> Integer.toString(v).equals(version)).findFirst()
                .map(v -> stats.of(model, v))
                .orElseThrow(() -> new UnknownVersionException(model, version, known));
    }

    record Stats(List<VersionStats> versions) {
    }
}
