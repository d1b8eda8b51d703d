package org.cnnserve.web;

import java.util.List;
import org.cnnserve.architectures.LectureCheck;
import org.cnnserve.metrics.VersionStats;
import org.cnnserve.registry.ModelState;
import org.cnnserve.registry.ModelStatus;
import org.cnnserve.registry.VersionStatus;
import org.cnnserve.validation.ValidationReport;

/**
 * The page's HTML: the models table (whose rows also carry, as data attributes, what the
 * comparison chart plots), the two chart figures, the upload form, and the validation and
 * catalogue sections. Everything it loads comes from this service.
 */
final class PageView {

    /**
     * One table row: a model version, or a model folder that has no version to show.
     *
     * @param version null for a model whose folder could not be read
     * @param latest  the version's latest validation report; null when it has none
     */
    record Row(ModelStatus model, VersionStatus version, String device, ValidationReport latest, VersionStats stats) {
    }

    private static final String[] HEADINGS = {"Model", "Version", "State", "Engine", "Device", "Weights",
        "Parameters", "MACs / image", "Activations / image", "Load memory", "Top-1", "Top-5", "Measured",
        "p50", "p99", "Requests / s", "Forward pass", "Images / s (busy)"};

    private final List<Row> rows;
    private final List<ValidationReport> reports;
    private final List<String> datasets;
    private final List<CatalogueFigures.Entry> catalogue;
    private final List<LectureCheck> lectureChecks;

    PageView(List<Row> rows, List<ValidationReport> reports, List<String> datasets,
             List<CatalogueFigures.Entry> catalogue, List<LectureCheck> lectureChecks) {
        this.rows = rows;
        this.reports = reports;
        this.datasets = datasets;
        this.catalogue = catalogue;
        this.lectureChecks = lectureChecks;
    }

    String render() {
        Html h = new Html();
        h.raw("<!DOCTYPE html>").open("html", "lang", "en").open("head")
                .open("meta", "charset", "utf-8")
                .open("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
                .element("title", "cnnserve")
                .open("link", "rel", "stylesheet", "href", "/page.css")
                .open("script", "src", "/page.js", "defer", "").close("script")
                .close("head").open("body");
        h.open("header").element("h1", "cnnserve").open("nav", "aria-label", "Sections").open("ul");
        for (String[] link : new String[][] {{"#models", "Models"}, {"#comparison", "Accuracy against operations"},
            {"#try", "Try an image"}, {"#validation", "Validation"}, {"#catalogue", "The catalogue"}}) {
            h.open("li").element("a", link[1], "href", link[0]).close("li");
        }
        h.close("ul").close("nav").close("header").open("main");
        models(h);
        comparison(h);
        tryAnImage(h);
        new ValidationView(reports, rows.stream().map(Row::model).distinct().toList(), datasets).render(h);
        new CatalogueView(catalogue, lectureChecks).render(h);
        h.close("main").open("footer").open("p").text("Numbers from this service's registry, meters and validation "
                + "reports; the API behind them is ").element("a", "/v1/models", "href", "/v1/models").text(", ")
                .element("a", "/v1/stats", "href", "/v1/stats").text(" and ")
                .element("a", "/actuator/prometheus", "href", "/actuator/prometheus").text(".").close("p")
                .close("footer").close("body").close("html");
        return h.toString();
    }

    private void models(Html h) {
        h.open("section", "id", "models").element("h2", "Models")
                .element("p", "One row per model version. Latency and throughput are the live meters since the service "
                        + "started; the page refreshes them every few seconds.", "class", "note")
                .open("div", "class", "scroll", "tabindex", "0", "role", "region", "aria-label", "Models table")
                .open("table", "id", "models-table").open("thead").open("tr");
        for (String heading : HEADINGS) {
            h.element("th", heading, "scope", "col");
        }
        h.close("tr").close("thead").open("tbody");
        for (Row row : rows) {
            row(h, row);
        }
        h.close("tbody").close("table").close("div").close("section");
    }

    private static void row(Html h, Row row) {
        ModelStatus m = row.model();
        VersionStatus v = row.version();
        if (v == null) {
            h.open("tr", "data-model", m.name()).element("th", m.name(), "scope", "row").element("td", "–")
                    .element("td", state(m.state()) + (m.reason() == null ? "" : ": " + m.reason()), "colspan",
                            Integer.toString(HEADINGS.length - 2), "class", "state-failed").close("tr");
            return;
        }
        ValidationReport r = row.latest();
        VersionStats s = row.stats();
        boolean loaded = v.weights() != null;
        h.open("tr", "data-model", m.name(), "data-version", Integer.toString(v.version()),
                "data-architecture", m.architecture(), "data-weights", loaded ? v.weights().label() : null,
                "data-parameters", loaded ? Long.toString(v.parameters()) : null,
                "data-macs", loaded ? Long.toString(v.macs()) : null,
                "data-activation-bytes", loaded ? Long.toString(v.activationBytes()) : null,
                "data-top1", r == null ? null : Double.toString(r.top1()),
                "data-forward-ms", s == null ? null : Numbers.raw(s.forwardPassMs()),
                "data-requests", s == null ? null : Long.toString(s.requests()));
        h.element("th", m.name(), "scope", "row", "title", m.description())
                .element("td", v.version())
                .element("td", state(v.state()), "class", "state-" + v.state().name().toLowerCase(java.util.Locale.ROOT),
                        "title", v.reason())
                .element("td", v.engine() == null ? "–" : v.engine())
                .element("td", row.device())
                .element("td", loaded ? v.weights().label() : "–")
                .element("td", loaded ? Numbers.count(v.parameters()) : "–", "class", "num")
                .element("td", loaded ? Numbers.count(v.macs()) : "–", "class", "num")
                .element("td", loaded ? Numbers.bytes(v.activationBytes()) : "–", "class", "num")
                .element("td", v.load() == null ? "–" : Numbers.bytes(v.load().growthBytes()), "class", "num")
                .element("td", r == null ? "–" : Numbers.percent(r.top1()), "class", "num top1")
                .element("td", r == null ? "–" : Numbers.percent(r.top5()), "class", "num")
                .open("td");
        if (r == null) {
            h.text("–");
        } else {
            h.element("time", Numbers.when(r.finishedAt()), "datetime", r.finishedAt().toString(), "title",
                    r.images() + " images of " + r.dataset());
        }
        h.close("td")
                .element("td", s == null ? "–" : Numbers.millis(s.p50Ms()), "class", "num")
                .element("td", s == null ? "–" : Numbers.millis(s.p99Ms()), "class", "num")
                .element("td", s == null ? "–" : Numbers.rate(s.requestsPerSecond(), "/s"), "class", "num")
                .element("td", s == null ? "–" : Numbers.millis(s.forwardPassMs()), "class", "num")
                .element("td", s == null ? "–" : Numbers.rate(s.imagesPerSecond(), "/s"), "class", "num")
                .close("tr");
    }

    private static String state(ModelState state) {
        return state.name();
    }

    private static void comparison(Html h) {
        h.open("section", "id", "comparison").element("h2", "Accuracy against operations")
                .element("p", "The lecture's figure for the models served here: top-1 accuracy of the latest validation "
                        + "against billions of multiply-adds per image, one point per version with trained weights; "
                        + "the area of a point is its parameter count, its colour the architecture's family. Hover or "
                        + "focus a point for its forward-pass time.", "class", "note")
                .open("figure").open("div", "id", "comparison-chart", "class", "chart")
                .element("noscript", "The charts are drawn with JavaScript; the numbers are in the tables.")
                .close("div").open("figcaption").text("Top-1 accuracy against GMACs per image").close("figcaption")
                .close("figure").close("section");
    }

    private void tryAnImage(Html h) {
        List<ModelStatus> ready = rows.stream().map(Row::model).distinct()
                .filter(m -> m.state().serving()).toList();
        String first = ready.isEmpty() ? "none" : ready.get(0).name();
        h.open("section", "id", "try").element("h2", "Try an image")
                .open("form", "id", "try-form", "method", "post", "enctype", "multipart/form-data",
                        "action", "/v1/models/" + first + "/classify")
                .open("p").element("label", "Model", "for", "try-model")
                .open("select", "id", "try-model", "name", "model");
        // The first model comes first: without a script the form posts to its classify endpoint.
        for (ModelStatus m : ready) {
            h.element("option", m.name() + " (" + m.classes() + " classes, " + m.input().height() + "x"
                    + m.input().width() + ")", "value", m.name());
        }
        if (ready.size() > 1) {
            h.element("option", "all ready models", "value", "*");
        }
        h.close("select").close("p")
                .open("div", "id", "drop", "class", "drop")
                .open("p").element("label", "Image", "for", "try-image")
                .open("input", "id", "try-image", "type", "file", "name", "image", "accept", "image/*", "required", "")
                .close("p").element("p", "or drop an image here, or pick an example:", "class", "note")
                .open("p", "class", "examples");
        for (String[] example : new String[][] {{"ankle-boot.png", "an ankle boot (28x28, Fashion-MNIST)"},
            {"colour-shapes.jpg", "colour shapes (a JPEG photo-like image)"}}) {
            h.open("button", "type", "button", "class", "example", "data-example", "/examples/" + example[0],
                            "title", example[1])
                    .open("img", "src", "/examples/" + example[0], "alt", "", "width", "28", "height", "28")
                    .text(" " + example[0]).close("button");
        }
        h.close("p").close("div")
                .open("p").element("button", "Classify", "type", "submit", "id", "try-submit").close("p")
                .close("form")
                .element("div", "", "id", "try-result", "aria-live", "polite")
                .close("section");
    }
}
