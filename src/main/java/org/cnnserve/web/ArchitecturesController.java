package org.cnnserve.web;

import static org.cnnserve.web.ProblemType.IMPOSSIBLE_INPUT_SHAPE;
import static org.cnnserve.web.ProblemType.INVALID_CLASSES;
import static org.cnnserve.web.ProblemType.INVALID_INPUT_SHAPE;
import static org.cnnserve.web.ProblemType.NOT_ACCEPTABLE;
import static org.cnnserve.web.ProblemType.UNKNOWN_ARCHITECTURE;

import io.swagger.v3.oas.annotations.Operation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cnnserve.architectures.Analysis;
import org.cnnserve.architectures.AnalysisCache;
import org.cnnserve.architectures.Architecture;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.architectures.LectureCheck;
import org.cnnserve.architectures.LectureChecks;
import org.cnnserve.architectures.ReferenceInputs;
import org.cnnserve.architectures.TextTables;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/architectures}, {@code GET /v1/architectures/{name}} and
 * {@code GET /v1/architectures/lecture-checks}: the catalogue's networks, their per-layer
 * arithmetic at a chosen input size, and the lecture's figures checked against it. JSON by
 * default; an aligned plain-text table for {@code Accept: text/plain}.
 */
@RestController
class ArchitecturesController {

    private static final MediaType TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);
    private static final int DEFAULT_CLASSES = 1000;

    private final ArchitectureCatalog catalog;
    private final AnalysisCache analyses;
    private volatile List<LectureCheck> lectureChecks;

    ArchitecturesController(ArchitectureCatalog catalog) {
        this.catalog = catalog;
        this.analyses = new AnalysisCache();
    }

    @Operation(summary = "List the architecture catalogue", description = "Every network the service can "
            + "build, with a description and its reference input shape.")
    @Problems(NOT_ACCEPTABLE)
    @GetMapping("/v1/architectures")
    Architectures list() {
        return new Architectures(catalog.all().stream()
                .map(a -> new Summary(a.name(), a.description(), ReferenceInputs.of(a).toString()))
                .toList());
    }

    @Operation(summary = "Analyse an architecture", description = "Per-layer output shapes, parameters, "
            + "multiply-adds and activation memory at an input size; JSON, or an aligned table for Accept: "
            + "text/plain.")
    @Problems({UNKNOWN_ARCHITECTURE, INVALID_INPUT_SHAPE, IMPOSSIBLE_INPUT_SHAPE, INVALID_CLASSES, NOT_ACCEPTABLE})
    @GetMapping("/v1/architectures/{name}")
    ResponseEntity<?> analysis(@PathVariable String name, @RequestParam(required = false) String input,
                               @RequestParam(required = false) String classes,
                               @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Architecture architecture = catalog.find(name).orElseThrow(() -> new ArchitectureRequestException(
                ProblemType.UNKNOWN_ARCHITECTURE, "no architecture '" + name + "'; known: " + String.join(", ",
                catalog.all().stream().map(Architecture::name).toList())));
        InputShape shape = input == null ? ReferenceInputs.of(architecture) : parseInput(input);
        int classCount = classes == null ? DEFAULT_CLASSES : parseClasses(classes);
        Analysis analysis = analyses.get(architecture, shape, classCount);
        if (wantsText(accept)) {
            return ResponseEntity.ok().contentType(TEXT).body(name + " at " + shape + ", " + classCount
                    + " classes\n\n" + TextTables.analysis(analysis));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new AnalysisAnswer(name,
                architecture.description(), shape.toString(), classCount, analysis.outputs(), analysis.rows(),
                analysis.totals()));
    }

    @Operation(summary = "Check the lecture's figures", description = "The catalogue's networks at a chosen "
            + "input size with the lecture's figures checked against the analysis; JSON, or a table for "
            + "Accept: text/plain.")
    @Problems(NOT_ACCEPTABLE)
    @GetMapping("/v1/architectures/lecture-checks")
    ResponseEntity<?> lectureChecks(@RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        List<LectureCheck> checks = lectureChecks;
        if (checks == null) {
            // The catalogue is fixed for the life of the process, so the checks are computed once.
            checks = LectureChecks.run(catalog);
            lectureChecks = checks;
        }
        if (wantsText(accept)) {
            return ResponseEntity.ok().contentType(TEXT).body(TextTables.lectureChecks(checks));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new LectureChecksAnswer(checks));
    }

    private static InputShape parseInput(String text) {
        try {
            return InputShape.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ArchitectureRequestException(ProblemType.INVALID_INPUT_SHAPE, e.getMessage());
        }
    }

    private static int parseClasses(String text) {
        try {
            int classes = Integer.parseInt(text.trim());
            if (classes >= 1) {
                return classes;
            }
        } catch (NumberFormatException e) {
            // answered below, with the rule
        }
        throw new ArchitectureRequestException(ProblemType.INVALID_CLASSES,
                "classes must be a whole number of at least 1, was '" + text + "'");
    }

    /**
     * Whether the client prefers text/plain to JSON: the higher quality wins, then the more
     * specific range (text/plain over text/* over *&#47;*), then the earlier one; JSON on a tie.
     */
    static boolean wantsText(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> ranges;
        try {
            ranges = MediaType.parseMediaTypes(accept);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return preference(ranges, MediaType.TEXT_PLAIN) > preference(ranges, MediaType.APPLICATION_JSON);
    }

    /** Quality, then specificity, then earliness of the best range that includes {@code type}; -1 if none. */
    private static double preference(List<MediaType> ranges, MediaType type) {
        double best = -1;
        for (int i = 0; i < ranges.size(); i++) {
            MediaType range = ranges.get(i);
            if (range.includes(type) && range.getQualityValue() > 0) {
                int specificity = range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
                best = Math.max(best, range.getQualityValue() * 1000 + specificity * 100 + (99 - Math.min(i, 99)));
            }
        }
        return best;
    }

    record Summary(String name, String description, String referenceInput) {
    }

    record Architectures(List<Summary> architectures) {
    }

    record AnalysisAnswer(String name, String description, String input, int classes, List<String> outputs,
                          List<Analysis.Row> layers, Analysis.Totals totals) {
    }

    record LectureChecksAnswer(List<LectureCheck> checks) {
    }
}
