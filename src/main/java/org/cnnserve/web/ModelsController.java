package org.cnnserve.web;

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

    @GetMapping("/v1/models")
    Models list() {
        return new Models(registry.models());
    }

    @GetMapping("/v1/models/{model}")
    ModelStatus one(@PathVariable String model) {
        return registry.model(model).orElseThrow(() -> new UnknownModelException(model));
    }

    record Models(List<ModelStatus> models) {
    }
}
