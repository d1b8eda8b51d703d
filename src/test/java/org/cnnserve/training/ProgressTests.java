package org.cnnserve.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.architectures.ParameterCounts;
import org.junit.jupiter.api.Test;

class ProgressTests {

    @Test
    void theStartLineCountsParametersAsTheAnalysisDoesAndBatchNormStatisticsApart() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), "vgg-fashion", 14, 0);

        progress.starting("vgg_small", new InputShape(28, 28, 1), new ParameterCounts(147_162, 448), false, 55_000,
                5_000, 42, 10_000, 1, "15 of 24 layers on native ops");

        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith(
                "training vgg-fashion (vgg_small, 28x28x1, 147,162 parameters and 448 BatchNorm statistics) on 55000 "
                        + "images, choosing the epoch on 5000 held out (seed 42), testing once on 10000");
    }
}
