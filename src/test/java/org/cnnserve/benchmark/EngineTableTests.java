package org.cnnserve.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The engines table: a column per chosen engine, a ratio only where both of its engines were timed. */
class EngineTableTests {

    @Test
    void allFourEnginesGetTheirColumnsRatiosAndShares() {
        EngineTable table = new EngineTable(List.of(EngineColumn.values()), "peak", 100);

        assertThat(table.header()).startsWith("| architecture | input | GMACs/image | batch | DL4J images/s | "
                + "native images/s | onnx images/s | raw ORT images/s | native / DL4J | onnx / native | "
                + "onnx / raw ORT | DL4J % of peak | native % of peak | onnx % of peak | raw ORT % of peak |\n")
                .endsWith("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        // 5 GMACs an image: 10 GFLOP per image, so 1 image/s is 10% of a 100 GFLOP/s peak.
        String row = table.row("resnet50", "224x224x3", 5e9, 8,
                List.of(new Spread(1, 0.5, 1.5), new Spread(2, 2, 2), new Spread(5, 4, 6), new Spread(5.5, 5, 6)),
                true);

        assertThat(row).isEqualTo("| resnet50 | 224x224x3 | 5.000 | 8 | 1.00 (0.50–1.50) | 2.00 (2.00–2.00) "
                + "| 5.00 (4.00–6.00) | 5.50 (5.00–6.00) | 2.00x | 2.50x | 0.91x | 10.0% | 20.0% | 50.0% | 55.0% |");
    }

    @Test
    void withoutDl4jThereIsNoRatioToIt() {
        EngineTable table = new EngineTable(List.of(EngineColumn.NATIVE, EngineColumn.ONNX), "sgemm", 100);

        assertThat(table.header()).doesNotContain("DL4J").doesNotContain("raw ORT")
                .contains("| onnx / native | native % of sgemm | onnx % of sgemm |");
        assertThat(table.row("vgg16", "224x224x3", 1e9, 1, List.of(new Spread(2, 1, 3), new Spread(6, 6, 6)), false))
                .endsWith("| 3.00x | 4.0% | 12.0% | *");
    }
}
