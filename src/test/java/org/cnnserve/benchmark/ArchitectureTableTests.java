package org.cnnserve.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.cnnserve.architectures.Analysis;
import org.junit.jupiter.api.Test;

/** The architectures tables: images/s with their spread, every derived figure from the median. */
class ArchitectureTableTests {

    // 500 MMACs an image: 1 GFLOP per image. 4 MB of activations an image.
    private final Analysis.Totals totals = new Analysis.Totals(1_234_567, 0, 500_000_000, 1_000_000, 0,
            4_938_268, 4_000_000);

    @Test
    void aForwardPassRowShowsTheSpreadAndDerivesTheRestFromTheMedian() {
        String row = ArchitectureTable.inferenceRow("resnet50", "224x224x3", 1000, totals, 8,
                new Spread(20, 16, 21), true, 100);

        // 8 images at 20 images/s: 400 ms a batch; 20 GFLOP/s is 20% of a 100 GFLOP/s sgemm.
        assertThat(row).isEqualTo("| resnet50 | 224x224x3 | 1000 | 1,234,567 | 500.0 | 4.00 | 8 | 400.0 "
                + "| 20.00 (16.00–21.00) | 20.0 | 20.0% |");
        assertThat(ArchitectureTable.inferenceHeader().split("\n")[0].split("\\|", -1))
                .hasSameSizeAs(row.split("\\|", -1));
    }

    @Test
    void aTrainingRowShowsBothSpreadsAndTheRatioOfTheMedians() {
        String row = ArchitectureTable.trainingRow("lenet5", "28x28x1", 10, totals, 128, new Spread(100, 90, 300),
                new Spread(250, 240, 260), true);

        assertThat(row).isEqualTo("| lenet5 | 28x28x1 | 10 | 1,234,567 | 500.0 | 128 | 100.0 (90.0–300.0) "
                + "| 250.0 (240.0–260.0) | 2.50x |");
        assertThat(ArchitectureTable.trainingHeader().split("\n")[0].split("\\|", -1))
                .hasSameSizeAs(row.split("\\|", -1));
    }

    @Test
    void aRowWhoseWarmUpDidNotSettleIsMarked() {
        assertThat(ArchitectureTable.inferenceRow("vgg16", "224x224x3", 1000, totals, 1, new Spread(2, 1, 3), false,
                100)).endsWith("| 2.0% | *");
        assertThat(ArchitectureTable.trainingRow("vgg16", "224x224x3", 1000, totals, 1, new Spread(2, 1, 3),
                new Spread(4, 4, 4), false)).endsWith("| 2.00x | *");
    }
}
