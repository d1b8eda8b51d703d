package org.cnnserve.benchmark;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cnnserve.architectures.Analysis;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.engine.NativeGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where the native engine's forward pass spends its time: each step timed over repeated passes
 * (after a warm-up pass), grouped by kind of layer, with the arithmetic rate each reaches. A
 * BatchNorm folded into its convolution shows as that convolution's time.
 */
final class LayerProfile {

    /** One step: its vertex, kind and multiply-adds per image, and its mean time per batch. */
    record Step(String node, String kind, long macs, double millis) {

        double gflops(int batch) {
            return 2.0 * macs * batch / (millis / 1e3) / 1e9;
        }
    }

    /** A kind of layer: how many steps it has, and their multiply-adds and time summed as one step. */
    private record Kind(int steps, Step total) {

        static Kind of(String kind, List<Step> steps) {
            return new Kind(steps.size(), new Step(kind, kind, steps.stream().mapToLong(Step::macs).sum(),
                    steps.stream().mapToDouble(Step::millis).sum()));
        }
    }

    /** The steps, and the wall time of a whole pass: what the steps leave out is freeing and bookkeeping. */
    record Profile(List<Step> steps, double wallMillis) {
    }

    private LayerProfile() {
    }

    static Profile measure(NativeGraph graph, Analysis analysis, InputShape input, int batch, double seconds) {
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, input.height(), input.width(), input.channels());
        graph.output(x).close();
        Map<String, Long> nanos = new LinkedHashMap<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int passes = 0;
        long wall = 0;
        while (System.nanoTime() < end || passes < 2) {
            long begun = System.nanoTime();
            graph.output(x, (node, took) -> nanos.merge(node, took, Long::sum)).close();
            wall += System.nanoTime() - begun;
            passes++;
        }
        Map<String, Analysis.Row> rows = analysis.rows().stream()
                .collect(Collectors.toMap(Analysis.Row::name, Function.identity()));
        int n = passes;
        return new Profile(nanos.entrySet().stream().map(e -> {
            Analysis.Row row = rows.get(e.getKey());
            return new Step(e.getKey(), row == null ? "?" : row.kind(), row == null ? 0 : row.macs(),
                    e.getValue() / 1e6 / n);
        }).toList(), wall / 1e6 / n);
    }

    /** Time by kind of layer, then the {@code top} slowest steps. */
    static void print(PrintStream out, String architecture, int batch, Profile profile, int top) {
        List<Step> steps = profile.steps();
        double total = steps.stream().mapToDouble(Step::millis).sum();
        out.printf("%nWhere %s's native forward pass spends its time, batch %d: %.1f ms per batch in %d steps, "
                        + "of %.1f ms per pass (the rest frees intermediates and keeps the books)%n%n",
                architecture, batch, total, steps.size(), profile.wallMillis());
        out.println("| kind | steps | ms/batch | share | GFLOP/s |");
        out.println("|---|---|---|---|---|");
        steps.stream().collect(Collectors.groupingBy(Step::kind)).entrySet().stream()
                .map(e -> Kind.of(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingDouble(kind -> -kind.total().millis()))
                .forEach(kind -> out.printf("| %s | %d | %.2f | %.1f%% | %s |%n", kind.total().kind(), kind.steps(),
                        kind.total().millis(), 100 * kind.total().millis() / total, rate(kind.total(), batch)));
        out.printf("%n| slowest steps | kind | MMACs/image | ms/batch | share | GFLOP/s |%n");
        out.println("|---|---|---|---|---|---|");
        steps.stream().sorted(Comparator.comparingDouble(s -> -s.millis())).limit(top).forEach(s ->
                out.printf("| %s | %s | %.1f | %.2f | %.1f%% | %s |%n", s.node(), s.kind(), s.macs() / 1e6,
                        s.millis(), 100 * s.millis() / total, rate(s, batch)));
        out.flush();
    }

    private static String rate(Step step, int batch) {
        return step.macs() == 0 ? "" : String.format("%.1f", step.gflops(batch));
    }
}
