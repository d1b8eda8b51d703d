package org.cnnserve.web;

import static org.cnnserve.web.ProblemType.NOT_ACCEPTABLE;

import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cnnserve.metrics.ServingStats;
import org.cnnserve.registry.ModelConfig;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.registry.ModelStatus;
import org.cnnserve.registry.VersionStatus;
import org.cnnserve.serving.ServingProperties;
import org.cnnserve.validation.ValidationReport;
import org.cnnserve.validation.ValidationService;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * {@code GET /}: the page. Its tables are rendered here, so they read without JavaScript;
 * {@code static/page.js} then refreshes them, draws the charts and runs the upload.
 */
@Controller
class PageController {

    private final ModelRegistry registry;
    private final ValidationService validations;
    private final ServingStats stats;
    private final ServingProperties serving;
    private final CatalogueFigures catalogue;

    PageController(ModelRegistry registry, ValidationService validations, ServingStats stats,
                   ServingProperties serving, CatalogueFigures catalogue) {
        this.registry = registry;
        this.validations = validations;
        this.stats = stats;
        this.serving = serving;
        this.catalogue = catalogue;
    }

    @Operation(summary = "The service's page", description = "An HTML page with the models, their latency, "
            + "throughput and accuracy, and the architecture catalogue.")
    @Problems(NOT_ACCEPTABLE)
    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String page() {
        List<PageView.Row> rows = new ArrayList<>();
        List<ValidationReport> reports = new ArrayList<>();
        for (ModelStatus model : registry.models()) {
            List<ValidationReport> stored = validations.reports(model.name());
            reports.addAll(stored);
            if (model.versions().isEmpty()) {
                rows.add(new PageView.Row(model, null, null, null, null));
                continue;
            }
            String device = devices(model.name());
            for (VersionStatus version : model.versions()) {
                rows.add(new PageView.Row(model, version, device, latest(stored, version.version()),
                        stats.of(model.name(), version.version())));
            }
        }
        return new PageView(rows, reports, validations.datasets(), catalogue.entries(), catalogue.lectureChecks())
                .render();
    }

    /** Where the model's replicas run, as its config (or the service's default) says: "cpu", "cpu x2, gpu:0 x2". */
    private String devices(String model) {
        ModelConfig config = registry.config(model).orElse(null);
        List<String> devices = config == null || config.devices() == null ? serving.devices() : config.devices();
        int instances = config == null || config.instancesPerDevice() == null ? serving.instancesPerDevice()
                : config.instancesPerDevice();
        return String.join(", ", devices.stream().map(d -> instances == 1 ? d : d + " x" + instances).toList());
    }

    /** The version's most recently finished report, whatever its data set. */
    private static ValidationReport latest(List<ValidationReport> reports, int version) {
        return reports.stream().filter(r -> r.version() == version)
                .max(Comparator.comparing(ValidationReport::finishedAt)).orElse(null);
    }
}
