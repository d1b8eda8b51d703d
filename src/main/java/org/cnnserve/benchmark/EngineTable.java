package org.cnnserve.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Markdown table of {@code bench engines}: images/s per chosen engine, the ratios between the
 * engines that were both chosen (native against DL4J, onnx against native, onnx against its raw
 * session), and each engine's share of a reference rate (the FMA peak, or sgemm without it).
 */
final class EngineTable {

    /** The ratios printed, each when both of its engines were timed: {numerator, denominator}. */
    private static final EngineColumn[][] RATIOS = {
            {EngineColumn.NATIVE, EngineColumn.DL4J},
            {EngineColumn.ONNX, EngineColumn.NATIVE},
            {EngineColumn.ONNX, EngineColumn.RAW}};

    private final List<EngineColumn> engines;
    private final String versus;
    private final double referenceGflops;

    /**
     * @param engines         the engines timed, in column order
     * @param versus          what the shares are of, e.g. "peak"
     * @param referenceGflops its rate
     */
    EngineTable(List<EngineColumn> engines, String versus, double referenceGflops) {
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one engine");
        }
        this.engines = List.copyOf(engines);
        this.versus = versus;
        this.referenceGflops = referenceGflops;
    }

    /** The heading line and the separator line. */
    String header() {
        List<String> cells = new ArrayList<>(List.of("architecture", "input", "GMACs/image", "batch"));
        engines.forEach(e -> cells.add(e.heading() + " images/s"));
        ratios().forEach(r -> cells.add(r[0].heading() + " / " + r[1].heading()));
        engines.forEach(e -> cells.add(e.heading() + " % of " + versus));
        return "| " + String.join(" | ", cells) + " |\n" + "|---".repeat(cells.size()) + "|";
    }

    /**
     * One row.
     *
     * @param images per engine, in column order: images/s over the rounds
     * @param stable whether every engine's warm-up settled; a row that did not is marked *
     */
    String row(String name, String input, double macs, int batch, List<Spread> images, boolean stable) {
        if (images.size() != engines.size()) {
            throw new IllegalArgumentException(engines.size() + " engines but " + images.size() + " measurements");
        }
        List<String> cells = new ArrayList<>(List.of(name, input, format("%.3f", macs / 1e9),
                Integer.toString(batch)));
        images.forEach(s -> cells.add(s.format(2)));
        for (EngineColumn[] r : ratios()) {
            cells.add(format("%.2fx", median(images, r[0]) / median(images, r[1])));
        }
        for (Spread s : images) {
            cells.add(format("%.1f%%", 100 * 2 * macs * s.median() / 1e9 / referenceGflops));
        }
        return "| " + String.join(" | ", cells) + " |" + (stable ? "" : " *");
    }

    private List<EngineColumn[]> ratios() {
        List<EngineColumn[]> chosen = new ArrayList<>();
        for (EngineColumn[] r : RATIOS) {
            if (engines.contains(r[0]) && engines.contains(r[1])) {
                chosen.add(r);
            }
        }
        return chosen;
    }

    private double median(List<Spread> images, EngineColumn engine) {
        return images.get(engines.indexOf(engine)).median();
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
