package org.cnnserve.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cnnserve.architectures.Analysis;
import org.cnnserve.architectures.ArchitectureAnalysis;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.engine.NativeCompiler;
import org.cnnserve.engine.NativeGraph;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

class LayerProfileTests {

    private static final InputShape INPUT = new InputShape(28, 28, 1);

    @Test
    void timesEveryStepOfTheNativeGraphWithItsKindAndArithmetic() {
        ComputationGraphConfiguration conf = ArchitectureCatalog.standard().require("lenet5")
                .configuration(INPUT, 10, new NeuralNetConfiguration.Builder().seed(1));
        Analysis analysis = ArchitectureAnalysis.of(conf, INPUT);
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        NativeGraph compiled = NativeCompiler.compile(graph, INPUT);

        LayerProfile.Profile profile = LayerProfile.measure(compiled, analysis, INPUT, 4, 0.2);
        List<LayerProfile.Step> steps = profile.steps();

        assertThat(steps).hasSize(compiled.steps()).allMatch(step -> step.millis() > 0);
        for (LayerProfile.Step step : steps) {
            assertThat(step.kind()).isEqualTo(analysis.row(step.node()).kind());
            assertThat(step.macs()).isEqualTo(analysis.row(step.node()).macs());
        }
        assertThat(steps.stream().mapToLong(LayerProfile.Step::macs).sum()).isEqualTo(analysis.totals().macs());
        assertThat(profile.wallMillis()).isGreaterThanOrEqualTo(steps.stream().mapToDouble(LayerProfile.Step::millis).sum());
    }

    @Test
    void printsTheTimeByKindAndTheSlowestSteps() {
        List<LayerProfile.Step> steps = List.of(new LayerProfile.Step("c1", "conv", 1_000_000, 3.0),
                new LayerProfile.Step("p1", "pool", 0, 1.0));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        LayerProfile.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), "net", 8,
                new LayerProfile.Profile(steps, 5.0), 1);

        String table = bytes.toString(StandardCharsets.UTF_8);
        // 2 x 1 MMAC x 8 images in 3 ms is 5.3 GFLOP/s; c1 is 75% of the 4 ms.
        assertThat(table).contains("4.0 ms per batch in 2 steps, of 5.0 ms per pass", "| conv | 1 | 3.00 | 75.0% | 5.3 |",
                "| pool | 1 | 1.00 | 25.0% |  |", "| c1 | conv | 1.0 | 3.00 | 75.0% | 5.3 |")
                .doesNotContain("| p1 |");
    }
}
