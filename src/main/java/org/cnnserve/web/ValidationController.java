package org.cnnserve.web;

import java.net.URI;
import java.util.List;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.registry.UnknownModelException;
import org.cnnserve.validation.JobStatus;
import org.cnnserve.validation.ValidationReport;
import org.cnnserve.validation.ValidationRequestException;
import org.cnnserve.validation.ValidationService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The validation job over HTTP: {@code POST /v1/models/{model}[/versions/{version}]/validations}
 * with {@code {"dataset": ..., "limit": ...}} answers 202 with the job and its {@code Location};
 * {@code GET /v1/validations/{id}} shows its progress and, at the end, its report.
 */
@RestController
class ValidationController {

    /**
     * @param dataset a data set folder name, see {@code GET /v1/datasets}
     * @param limit   images from the start of the data set; absent or 0: all
     */
    record ValidationRequest(String dataset, Integer limit) {
    }

    private final ValidationService validations;
    private final ModelRegistry registry;

    ValidationController(ValidationService validations, ModelRegistry registry) {
        this.validations = validations;
        this.registry = registry;
    }

    @PostMapping({"/v1/models/{model}/validations", "/v1/models/{model}/versions/{version}/validations"})
    ResponseEntity<JobStatus> start(@PathVariable String model, @PathVariable(required = false) String version,
                                    @RequestBody(required = false) ValidationRequest request) {
        ValidationRequest r = request == null ? new ValidationRequest(null, null) : request;
        JobStatus job = validations.submit(model, version, r.dataset(), r.limit());
        return ResponseEntity.accepted().location(URI.create("/v1/validations/" + job.id())).body(job);
    }

    @GetMapping("/v1/validations")
    List<JobStatus> jobs() {
        return validations.jobs();
    }

    @GetMapping("/v1/validations/{id}")
    JobStatus job(@PathVariable String id) {
        return validations.job(id).orElseThrow(() -> new ValidationRequestException(
                ValidationRequestException.Kind.UNKNOWN_JOB, "no validation job '" + id
                + "' (finished jobs are kept up to cnnserve.validation.keep-jobs)"));
    }

    /** The latest stored report of each version and data set. */
    @GetMapping("/v1/models/{model}/validations")
    List<ValidationReport> reports(@PathVariable String model) {
        if (registry.model(model).isEmpty()) {
            throw new UnknownModelException(model);
        }
        return validations.reports(model);
    }

    @GetMapping("/v1/datasets")
    List<String> datasets() {
        return validations.datasets();
    }
}
