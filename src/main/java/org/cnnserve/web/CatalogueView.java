package org.cnnserve.web;

import java.util.List;
import org.cnnserve.architectures.LectureCheck;

/**
 * The page's catalogue section: every architecture's parameters and multiply-adds at its reference
 * input (the chart is drawn from this table), and the lecture's figures against the computed ones,
 * disagreements marked.
 */
final class CatalogueView {

    private final List<CatalogueFigures.Entry> entries;
    private final List<LectureCheck> checks;

    CatalogueView(List<CatalogueFigures.Entry> entries, List<LectureCheck> checks) {
        this.entries = entries;
        this.checks = checks;
    }

    void render(Html h) {
        h.open("section", "id", "catalogue").element("h2", "The catalogue")
                .element("p", "Every architecture the service can build, at its reference input with 1000 classes: "
                        + "parameters against multiply-adds per image, both on log scales. Where the lecture states a "
                        + "network's parameter count, its figure is drawn beside the computed one; a red ring marks a "
                        + "disagreement beyond the check's tolerance.", "class", "note")
                .open("figure").open("div", "id", "catalogue-chart", "class", "chart").close("div")
                .element("figcaption", "Parameters against MACs per image (log scales)").close("figure");
        h.open("details").element("summary", "The numbers")
                .open("div", "class", "scroll", "tabindex", "0", "role", "region", "aria-label", "Catalogue")
                .open("table", "id", "catalogue-table").open("thead").open("tr");
        for (String heading : new String[] {"Architecture", "Input", "Parameters", "MACs / image"}) {
            h.element("th", heading, "scope", "col");
        }
        h.close("tr").close("thead").open("tbody");
        for (CatalogueFigures.Entry e : entries) {
            h.open("tr", "data-name", e.name(), "data-parameters", Long.toString(e.parameters()),
                            "data-macs", Long.toString(e.macs()))
                    .element("th", e.name(), "scope", "row", "title", e.description()).element("td", e.input())
                    .element("td", Numbers.count(e.parameters()), "class", "num")
                    .element("td", Numbers.count(e.macs()), "class", "num").close("tr");
        }
        h.close("tbody").close("table").close("div").close("details");
        lectureChecks(h);
        h.close("section");
    }

    private void lectureChecks(Html h) {
        h.element("h3", "The lecture's figures, checked")
                .open("div", "class", "scroll", "tabindex", "0", "role", "region", "aria-label", "Lecture checks")
                .open("table", "id", "lecture-checks").open("thead").open("tr");
        for (String heading : new String[] {"Check", "Lecture", "Computed", "Unit", "Difference", "Verdict"}) {
            h.element("th", heading, "scope", "col");
        }
        h.close("tr").close("thead").open("tbody");
        for (LectureCheck c : checks) {
            h.open("tr", "class", c.status(), "data-id", c.id(), "data-unit", c.unit(),
                            "data-lecture", Double.toString(c.lectureFigure().value()),
                            "data-computed", c.computed() == null ? null : Double.toString(c.computed()))
                    .element("th", c.description(), "scope", "row", "title", c.explanation())
                    .element("td", c.lectureFigure().text())
                    .element("td", c.computed() == null ? "–" : Numbers.count(c.computed()), "class", "num")
                    .element("td", c.unit())
                    .element("td", c.difference() == null ? "–" : String.format(java.util.Locale.ROOT, "%+.1f %%",
                            c.difference() * 100), "class", "num")
                    .element("td", switch (c.status()) {
                        case "agrees" -> "✓ agrees";
                        case "disagrees" -> "✗ disagrees";
                        default -> "– " + c.status();
                    }).close("tr");
        }
        h.close("tbody").close("table").close("div");
    }
}
