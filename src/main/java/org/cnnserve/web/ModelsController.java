package org.cnnserve.web;

import static org.cnnserve.web.ProblemType.NOT_ACCEPTABLE;
import static org.cnnserve.web.ProblemType.UNKNOWN_MODEL;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.registry.ModelStatus;
import org.cnnserve.registry.UnknownModelException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/models} and {@code GET /v1/models/{model}}: what is served and in what state. */
@RestController
class ModelsController {

    private final ModelRegistry registry;

    ModelsController(ModelRegistry registry) {
        this.registry = registry;
    }

    @Operation(summary = "List the models", description = "Every model in the repository with its versions, "
            + "their states (LOADING, READY, FAILED, UNLOADING), engines, devices and batching.")
    @Problems(NOT_ACCEPTABLE)
    @GetMapping("/v1/models")
    Models list() {
        return new Models(registry.models());
    }

    @Operation(summary = "Describe a model", description = "One model's versions and their states.")
    @Problems({UNKNOWN_MODEL, NOT_ACCEPTABLE})
    @GetMapping("/v1/models/{model}")
    ModelStatus one(@PathVariable String model) {
        return registry.model(model).orElseThrow(() -> new UnknownModelException(model));
    }

    record Models(List<ModelStatus> models) {
    }
}
