package org.cnnserve.web.v2;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v2} (server metadata), {@code /v2/health/live} and {@code /v2/health/ready}. The health
 * answers are the status alone, as the protocol has it: 200 for true, 400 for false, no body.
 * Readiness is the actuator's readiness group, so both probes agree.
 */
@RestController
class ServerController {

    private final ApplicationAvailability availability;
    private final ObjectProvider<HealthEndpoint> health;

    ServerController(ApplicationAvailability availability, ObjectProvider<HealthEndpoint> health) {
        this.availability = availability;
        this.health = health;
    }

    record ServerMetadata(String name, String version, List<String> extensions) {
    }

    @Operation(summary = "Server metadata (V2)", description = "The server's name, version and the protocol "
            + "extensions it implements.")
    @ApiResponse(responseCode = "200", description = "The server's metadata")
    @V2ApiDocs.MetadataErrors
    @GetMapping("/v2")
    ServerMetadata metadata() {
        String version = ServerController.class.getPackage().getImplementationVersion();
        return new ServerMetadata("cnnserve", version == null ? "development" : version, Tensors.EXTENSIONS);
    }

    @Operation(summary = "Server liveness (V2)", description = "200 while the service is alive, 400 when it is "
            + "broken; no body.")
    @V2ApiDocs.HealthAnswers
    @GetMapping("/v2/health/live")
    ResponseEntity<Void> live() {
        return answer(availability.getLivenessState() == LivenessState.CORRECT);
    }

    @Operation(summary = "Server readiness (V2)", description = "200 when the actuator's readiness group is UP "
            + "(the same answer as /actuator/health/readiness), 400 otherwise; no body.")
    @V2ApiDocs.HealthAnswers
    @GetMapping("/v2/health/ready")
    ResponseEntity<Void> ready() {
        HealthEndpoint endpoint = health.getIfAvailable();
        return answer(endpoint == null ? availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC
                : readiness(endpoint));
    }

    private static boolean readiness(HealthEndpoint endpoint) {
        var descriptor = endpoint.healthForPath("readiness");
        return descriptor != null && Status.UP.equals(descriptor.getStatus());
    }

    static ResponseEntity<Void> answer(boolean ok) {
        return ok ? ResponseEntity.ok().build() : ResponseEntity.badRequest().build();
    }
}
