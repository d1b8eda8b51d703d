package org.cnnserve.web.v2;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.registry.ModelNotReadyException;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.registry.ModelStatus;
import org.cnnserve.registry.UnknownModelException;
import org.cnnserve.registry.UnknownVersionException;
import org.cnnserve.registry.VersionStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v2/models/{model}[/versions/{version}]} (model metadata) and {@code .../ready}. Metadata
 * is answered in any state, from the model's configuration; readiness is 200 only for a version that serves (READY, or DEGRADED with replicas left)
 * and 400 (no body) otherwise, as the protocol's health answers are.
 */
@RestController
class ModelController {

    private final ModelRegistry registry;

    ModelController(ModelRegistry registry) {
        this.registry = registry;
    }

    record TensorMetadata(String name, String datatype, long[] shape) {
    }

    record ModelMetadata(String name, List<String> versions, String platform, List<TensorMetadata> inputs,
                         List<TensorMetadata> outputs) {
    }

    @Operation(summary = "Model metadata (V2)", description = "The model's versions, platform, and its tensors: "
            + "input 'input' (FP32 [-1, C, H, W], preprocessed) or 'image' (BYTES [-1], image files), output "
            + "'probabilities' (FP32 [-1, classes]). Answered in any state, from the model's configuration.")
    @ApiResponse(responseCode = "200", description = "The model's metadata")
    @ApiResponse(responseCode = "400", description = "The model's configuration could not be read, so it cannot be "
            + "described", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = V2Errors.Error.class)))
    @V2ApiDocs.UnknownModel
    @V2ApiDocs.MetadataErrors
    @GetMapping({"/v2/models/{model}", "/v2/models/{model}/versions/{version}"})
    ModelMetadata metadata(@PathVariable String model, @PathVariable(required = false) String version) {
        ModelStatus status = registry.model(model).orElseThrow(() -> new UnknownModelException(model));
        VersionStatus chosen = chosen(status, version);
        InputShape input = status.input();
        if (input == null) {
            throw V2Exception.badRequest("model '" + model + "' cannot be described: " + status.reason());
        }
        return new ModelMetadata(model, status.versions().stream().map(v -> Integer.toString(v.version())).toList(),
                platform(chosen), List.of(
                new TensorMetadata(Tensors.INPUT, Tensors.FP32, new long[] {-1, input.channels(), input.height(),
                        input.width()}),
                new TensorMetadata(Tensors.IMAGE, Tensors.BYTES, new long[] {-1})),
                List.of(new TensorMetadata(Tensors.PROBABILITIES, Tensors.FP32, new long[] {-1, status.classes()})));
    }

    @Operation(summary = "Model readiness (V2)", description = "200 when the version (without one, the default "
            + "version) is READY, 400 otherwise; no body. An unknown model or version is 404.")
    @V2ApiDocs.HealthAnswers
    @V2ApiDocs.UnknownModel
    @GetMapping({"/v2/models/{model}/ready", "/v2/models/{model}/versions/{version}/ready"})
    ResponseEntity<Void> ready(@PathVariable String model, @PathVariable(required = false) String version) {
        try {
            registry.require(model, version);
            return ServerController.answer(true);
        } catch (ModelNotReadyException e) {
            return ServerController.answer(false);
        }
    }

    private static VersionStatus chosen(ModelStatus status, String version) {
        if (version == null) {
            return status.versions().stream().filter(v -> status.defaultVersion() != null
                    && v.version() == status.defaultVersion()).findFirst().orElse(null);
        }
        return status.versions().stream().filter(v -> Integer.toString(v.version()).equals(number(version)))
                .findFirst()
                .orElseThrow(() -> new UnknownVersionException(status.name(), version,
                        status.versions().stream().map(VersionStatus::version).toList()));
    }

    /** The version as the registry reads it ("01" is 1), or the text itself when it is not a number. */
    private static String number(String version) {
        try {
            return Integer.toString(Integer.parseInt(version.trim()));
        } catch (NumberFormatException e) {
            return version;
        }
    }

    /** Triton's platform names where one exists; the engine is known once the version has loaded. */
    static String platform(VersionStatus version) {
        String engine = version == null ? null : version.engine();
        if (engine == null) {
            return "cnnserve";
        }
        return switch (engine) {
            case "onnx" -> "onnxruntime_onnx";
            case "dl4j" -> "dl4j";
            default -> "cnnserve_" + engine;
        };
    }
}
