package org.cnnserve.web;

import static org.cnnserve.web.ProblemType.ADMIN_DISABLED;
import static org.cnnserve.web.ProblemType.ADMIN_TOKEN_REQUIRED;
import static org.cnnserve.web.ProblemType.BAD_REQUEST;
import static org.cnnserve.web.ProblemType.INVALID_VALIDATION;
import static org.cnnserve.web.ProblemType.LABEL_MISMATCH;
import static org.cnnserve.web.ProblemType.MODEL_NOT_READY;
import static org.cnnserve.web.ProblemType.NOT_ACCEPTABLE;
import static org.cnnserve.web.ProblemType.TOO_MANY_VALIDATIONS;
import static org.cnnserve.web.ProblemType.UNKNOWN_DATASET;
import static org.cnnserve.web.ProblemType.UNKNOWN_MODEL;
import static org.cnnserve.web.ProblemType.UNKNOWN_VALIDATION;
import static org.cnnserve.web.ProblemType.UNKNOWN_VERSION;
import static org.cnnserve.web.ProblemType.UNREADABLE_DATASET;
import static org.cnnserve.web.ProblemType.UNSUPPORTED_MEDIA_TYPE;

import io.swagger.v3.oas.annotations.Operation;
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

    @Operation(summary = "Start a validation job", description = "Measures the version's top-1 and top-5 "
            + "accuracy on a data set (body: dataset, and limit, the most images to use); answers 202 with "
            + "the job, whose Location is polled.")
    @Problems({UNKNOWN_MODEL, UNKNOWN_VERSION, MODEL_NOT_READY, UNKNOWN_DATASET, UNREADABLE_DATASET, LABEL_MISMATCH,
            INVALID_VALIDATION, TOO_MANY_VALIDATIONS, BAD_REQUEST, UNSUPPORTED_MEDIA_TYPE, ADMIN_TOKEN_REQUIRED,
            ADMIN_DISABLED})
    @PostMapping({"/v1/models/{model}/validations", "/v1/models/{model}/versions/{version}/validations"})
    ResponseEntity<JobStatus> start(@PathVariable String model, @PathVariable(required = false) String version,
                                    @RequestBody(required = false) ValidationRequest request) {
        ValidationRequest r = request == null ? new ValidationRequest(null, null) : request;
        JobStatus job = validations.submit(model, version, r.dataset(), r.limit());
        return ResponseEntity.accepted().location(URI.create("/v1/validations/" + job.id())).body(job);
    }

    @Operation(summary = "List the validation jobs", description = "Queued, running and recently finished jobs.")
    @Problems(NOT_ACCEPTABLE)
    @GetMapping("/v1/validations")
    List<JobStatus> jobs() {
        return validations.jobs();
    }

    @Operation(summary = "Get a validation job", description = "Its state, progress and, once done, its report.")
    @Problems({UNKNOWN_VALIDATION, NOT_ACCEPTABLE})
    @GetMapping("/v1/validations/{id}")
    JobStatus job(@PathVariable String id) {
        return validations.job(id).orElseThrow(() -> new ValidationRequestException(
                ValidationRequestException.Kind.UNKNOWN_JOB, "no validation job '" + id
                + "' (finished jobs are kept up to cnnserve.validation.keep-jobs)"));
    }

    /** The latest stored report of each version and data set. */
    @Operation(summary = "List a model's validation reports", description = "The latest stored report of "
            + "each version and data set.")
    @Problems({UNKNOWN_MODEL, NOT_ACCEPTABLE})
    @GetMapping("/v1/models/{model}/validations")
    List<ValidationReport> reports(@PathVariable String model) {
        if (registry.model(model).isEmpty()) {
            throw new UnknownModelException(model);
        }
        return validations.reports(model);
    }

    @Operation(summary = "List the data sets", description = "The data sets validation jobs can use.")
    @Problems(NOT_ACCEPTABLE)
    @GetMapping("/v1/datasets")
    List<String> datasets() {
        return validations.datasets();
    }
}
