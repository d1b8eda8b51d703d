package org.cnnserve.benchmark;

import java.util.Locale;
import org.cnnserve.architectures.Analysis;

/**
 * The Markdown tables of {@code bench architectures}: per architecture and batch size, its arithmetic
 * beside the images/s measured (median of the rounds, with their min–max), for the forward pass or
 * for training steps on DL4J's layers and on their native-op helpers. A row whose warm-up did not
 * settle is marked *.
 */
final class ArchitectureTable {

    private ArchitectureTable() {
    }

    /** The forward pass's heading line and separator line. */
    static String inferenceHeader() {
        return "| architecture | input | classes | parameters | MMACs/image | activations MB/image | batch "
                + "| ms/batch | images/s (min–max) | GFLOP/s | % of sgemm |\n"
                + "|---".repeat(11) + "|";
    }

    /**
     * One forward-pass row; ms/batch, GFLOP/s and the share of sgemm follow the median.
     *
     * @param gemmGflops ND4J's sgemm rate, measured in the same run
     */
    static String inferenceRow(String name, String input, int classes, Analysis.Totals totals, int batch,
                               Spread images, boolean stable, double gemmGflops) {
        double gflops = 2.0 * totals.macs() * images.median() / 1e9;
        return String.format(Locale.ROOT, "| %s | %s | %d | %,d | %.1f | %.2f | %d | %.1f | %s | %.1f | %.1f%% |",
                name, input, classes, totals.parameters(), totals.macs() / 1e6, totals.activationBytes() / 1e6,
                batch, 1e3 * batch / images.median(), images.format(2), gflops, 100 * gflops / gemmGflops)
                + marker(stable);
    }

    /** The training steps' heading line and separator line. */
    static String trainingHeader() {
        return "| architecture | input | classes | parameters | MMACs/image | batch "
                + "| images/s, DL4J's layers (min–max) | images/s, layer helpers (as train runs) (min–max) "
                + "| helpers / DL4J |\n"
                + "|---".repeat(9) + "|";
    }

    /** One training row; the ratio is of the medians. */
    static String trainingRow(String name, String input, int classes, Analysis.Totals totals, int batch,
                              Spread dl4j, Spread helpers, boolean stable) {
        return String.format(Locale.ROOT, "| %s | %s | %d | %,d | %.1f | %d | %s | %s | %.2fx |", name, input,
                classes, totals.parameters(), totals.macs() / 1e6, batch, dl4j.format(1), helpers.format(1),
                helpers.median() / dl4j.median()) + marker(stable);
    }

    private static String marker(boolean stable) {
        return stable ? "" : " *";
    }
}
