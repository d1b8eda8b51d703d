package org.cnnserve.web;

import java.util.List;
import org.cnnserve.architectures.Analysis;
import org.cnnserve.architectures.AnalysisCache;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.architectures.LectureCheck;
import org.cnnserve.architectures.LectureChecks;
import org.cnnserve.architectures.ReferenceInputs;
import org.springframework.stereotype.Component;

/**
 * The catalogue's networks at their reference inputs (parameters and multiply-adds) and the
 * lecture's figures checked against them, for the page's second chart. The catalogue is fixed for
 * the life of the process, so both are computed once, on first use.
 */
@Component
class CatalogueFigures {

    private static final int CLASSES = 1000;

    /** One network of the catalogue at its reference input, with 1000 classes. */
    record Entry(String name, String description, String input, long parameters, long macs) {
    }

    private final ArchitectureCatalog catalog;
    private volatile List<Entry> entries;
    private volatile List<LectureCheck> checks;

    CatalogueFigures(ArchitectureCatalog catalog) {
        this.catalog = catalog;
    }

    List<Entry> entries() {
        List<Entry> e = entries;
        if (e == null) {
            AnalysisCache analyses = new AnalysisCache();
            e = catalog.all().stream().map(a -> {
                InputShape input = ReferenceInputs.of(a);
                Analysis.Totals totals = analyses.get(a, input, CLASSES).totals();
                return new Entry(a.name(), a.description(), input.toString(), totals.parameters(), totals.macs());
            }).toList();
            entries = e;
        }
        return e;
    }

    List<LectureCheck> lectureChecks() {
        List<LectureCheck> c = checks;
        if (c == null) {
            c = LectureChecks.run(catalog);
            checks = c;
        }
        return c;
    }
}
