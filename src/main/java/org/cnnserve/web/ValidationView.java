package org.cnnserve.web;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.cnnserve.registry.ModelStatus;
import org.cnnserve.validation.ValidationReport;

/**
 * The page's validation section: every stored report in one table, then the latest report of each
 * model in full (per-class accuracy and the confusion matrix as a heat map), and the form that starts
 * a run through {@code POST /v1/models/{model}/validations}.
 */
final class ValidationView {

    private final List<ValidationReport> reports;
    private final List<ModelStatus> models;
    private final List<String> datasets;

    ValidationView(List<ValidationReport> reports, List<ModelStatus> models, List<String> datasets) {
        this.reports = reports;
        this.models = models;
        this.datasets = datasets;
    }

    void render(Html h) {
        h.open("section", "id", "validation").element("h2", "Validation");
        h.open("div", "id", "validation-reports");
        if (reports.isEmpty()) {
            h.element("p", "No validation report yet.");
        } else {
            summary(h);
            for (ModelStatus model : models) {
                reports.stream().filter(r -> r.model().equals(model.name()))
                        .max(Comparator.comparing(ValidationReport::finishedAt)).ifPresent(r -> latest(h, r));
            }
        }
        h.close("div");
        startForm(h);
        h.close("section");
    }

    private void summary(Html h) {
        h.open("div", "class", "scroll", "tabindex", "0", "role", "region", "aria-label", "Validation reports")
                .open("table", "id", "validation-table").open("thead").open("tr");
        for (String heading : new String[] {"Model", "Version", "Data set", "Images", "Top-1", "Top-5", "p50", "p99",
            "Images / s", "Trigger", "Finished"}) {
            h.element("th", heading, "scope", "col");
        }
        h.close("tr").close("thead").open("tbody");
        for (ValidationReport r : reports) {
            h.open("tr").element("th", r.model(), "scope", "row").element("td", r.version())
                    .element("td", r.dataset()).element("td", r.images(), "class", "num")
                    .element("td", Numbers.percent(r.top1()), "class", "num")
                    .element("td", Numbers.percent(r.top5()), "class", "num")
                    .element("td", r.latency() == null ? "–" : Numbers.millis(r.latency().p50Ms()), "class", "num")
                    .element("td", r.latency() == null ? "–" : Numbers.millis(r.latency().p99Ms()), "class", "num")
                    .element("td", Numbers.rate(r.imagesPerSecond(), "/s"), "class", "num")
                    .element("td", r.trigger())
                    .open("td").element("time", Numbers.when(r.finishedAt()), "datetime", r.finishedAt().toString())
                    .close("td").close("tr");
        }
        h.close("tbody").close("table").close("div");
    }

    private static void latest(Html h, ValidationReport r) {
        h.open("article", "class", "report", "data-model", r.model())
                .element("h3", r.model() + " version " + r.version() + " on " + r.dataset() + ": top-1 "
                        + Numbers.percent(r.top1()) + ", top-5 " + Numbers.percent(r.top5()))
                .open("div", "class", "report-parts");
        h.open("table", "class", "per-class").element("caption", "Accuracy per class").open("thead").open("tr")
                .element("th", "Class", "scope", "col").element("th", "Images", "scope", "col")
                .element("th", "Top-1", "scope", "col").close("tr").close("thead").open("tbody");
        for (ValidationReport.ClassAccuracy c : r.perClass()) {
            h.open("tr").element("th", c.label(), "scope", "row").element("td", c.images(), "class", "num")
                    .open("td", "class", "num").open("span", "class", "bar", "style",
                            String.format(Locale.ROOT, "width:%.1f%%", c.top1() * 100)).close("span")
                    .text(Numbers.percent(c.top1())).close("td").close("tr");
        }
        h.close("tbody").close("table");
        if (r.confusion() != null) {
            confusion(h, r.confusion());
        }
        h.close("div").close("article");
    }

    /** Each cell's shade is its share of the true class's images, so rows of different sizes compare. */
    private static void confusion(Html h, ValidationReport.Confusion confusion) {
        List<String> labels = confusion.labels();
        int[][] counts = confusion.counts();
        h.open("div", "class", "scroll", "tabindex", "0", "role", "region", "aria-label", "Confusion matrix")
                .open("table", "class", "confusion")
                .element("caption", "Confusion matrix: true class (rows) against predicted class (columns)")
                .open("thead").open("tr").element("th", "true \\ predicted", "scope", "col");
        for (String label : labels) {
            h.element("th", label, "scope", "col");
        }
        h.close("tr").close("thead").open("tbody");
        for (int i = 0; i < counts.length; i++) {
            int total = 0;
            for (int n : counts[i]) {
                total += n;
            }
            h.open("tr").element("th", i < labels.size() ? labels.get(i) : Integer.toString(i), "scope", "row");
            for (int j = 0; j < counts[i].length; j++) {
                double share = total == 0 ? 0 : (double) counts[i][j] / total;
                h.element("td", counts[i][j], "class", i == j ? "num diagonal" : "num", "style",
                        String.format(Locale.ROOT, "background-color:rgba(%s,%.3f)", i == j ? "30,120,200" : "210,60,40",
                                share), "title", Numbers.percent(share) + " of " + total);
            }
            h.close("tr");
        }
        h.close("tbody").close("table").close("div");
    }

    private void startForm(Html h) {
        h.open("form", "id", "validate-form").element("h3", "Start a validation run")
                .element("p", "The run goes through the model's queue like any request. The endpoint is not protected yet; "
                        + "a token typed here is sent as a bearer token, for when it is.", "class", "note")
                .open("p").element("label", "Model", "for", "validate-model").open("select", "id", "validate-model");
        for (ModelStatus m : models) {
            if (m.state().serving()) {
                h.element("option", m.name(), "value", m.name());
            }
        }
        h.close("select").close("p").open("p").element("label", "Data set", "for", "validate-dataset")
                .open("select", "id", "validate-dataset");
        for (String d : datasets) {
            h.element("option", d, "value", d);
        }
        h.close("select").close("p")
                .open("p").element("label", "Images (0: all)", "for", "validate-limit")
                .open("input", "id", "validate-limit", "type", "number", "min", "0", "value", "1000").close("p")
                .open("p").element("label", "Admin token (optional)", "for", "validate-token")
                .open("input", "id", "validate-token", "type", "password", "autocomplete", "off").close("p")
                .open("p").element("button", "Start validation", "type", "submit", "id", "validate-submit").close("p")
                .element("p", "", "id", "validate-status", "aria-live", "polite")
                .close("form");
    }
}
